import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearCredentials, loadCredentials, saveCredentials } from './credentials.ts';
import { createDatabase, type MemoryLibraryDb } from './database.ts';
import {
  loadDeviceName,
  loadLanguageChoice,
  saveDeviceName,
  saveLanguageChoice,
} from './preferences.ts';

let db: MemoryLibraryDb;

beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await db.delete();
});

describe('credentials', () => {
  it('are absent before registration', async () => {
    expect(await loadCredentials(db)).toBeUndefined();
  });

  it('round-trip and clear', async () => {
    const credentials = { libraryId: 'lib', deviceId: 'dev', token: 'tok' };
    await saveCredentials(db, credentials);
    expect(await loadCredentials(db)).toEqual(credentials);
    await clearCredentials(db);
    expect(await loadCredentials(db)).toBeUndefined();
  });

  it('ignores a malformed stored value', async () => {
    await db.kv.put({ key: 'device', value: { token: 1 } });
    expect(await loadCredentials(db)).toBeUndefined();
  });
});

describe('preferences', () => {
  it('remember the language choice until it is cleared', async () => {
    expect(await loadLanguageChoice(db)).toBeUndefined();
    await saveLanguageChoice(db, 'zh');
    expect(await loadLanguageChoice(db)).toBe('zh');
    await saveLanguageChoice(db, undefined);
    expect(await loadLanguageChoice(db)).toBeUndefined();
  });

  it('remember the device name', async () => {
    await saveDeviceName(db, 'Chrome on Android');
    expect(await loadDeviceName(db)).toBe('Chrome on Android');
  });
});
