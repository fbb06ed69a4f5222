import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client.ts';
import type { KeysApi } from '../api/keys-client.ts';
import { failure } from '../api/result.ts';
import { saveCredentials } from '../db/credentials.ts';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { fakeServer } from '../sync/keys/fake-keys-server.ts';
import { publicKeyFromFragment } from '../sync/keys/key-handoff.ts';
import { loadLibraryKey } from '../sync/keys/library-key.ts';
import { DeviceState } from './device.svelte.ts';
import { EncryptionState } from './encryption.svelte.ts';

const PASSPHRASE = 'a passphrase of some length';
let server: ReturnType<typeof fakeServer>;
const dbs: MemoryLibraryDb[] = [];
const states: EncryptionState[] = [];

/** A device of library `lib-1` (or none), with its Settings section's state. */
async function settingsOf(isConnected = true, api: KeysApi = server.api) {
  const db = createDatabase(`encryption-${crypto.randomUUID()}`);
  dbs.push(db);
  if (isConnected) {
    await saveCredentials(db, { libraryId: 'lib-1', deviceId: `d-${dbs.length}`, token: 't' });
  }
  const device = new DeviceState(db, {} as ApiClient);
  await device.load('test');
  const keys = new EncryptionState(db, device, api);
  states.push(keys);
  await keys.refresh();
  return { db, device, keys };
}

beforeEach(() => {
  server = fakeServer();
});

afterEach(async () => {
  for (const state of states.splice(0)) state.stop();
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

describe('EncryptionState', () => {
  it('SYNC-18b: set up shows the recovery code first, and holds the key only after finishing', async () => {
    expect((await settingsOf(false)).keys.status).toBe('not-connected');
    const { db, keys } = await settingsOf();
    expect(keys.status).toBe('needs-setup');
    await keys.prepareSetup(PASSPHRASE);
    expect(keys.recoveryCode).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    expect(server.stored()).toBeNull();
    expect(await loadLibraryKey(db)).toBeNull();
    expect(keys.status).toBe('needs-setup');
    await keys.finishSetup();
    expect(keys.status).toBe('unlocked');
    expect(keys.notice).toBe('set-up');
    expect(keys.recoveryCode).toBeUndefined();
    expect(await loadLibraryKey(db)).not.toBeNull();
    // Another device of the library now finds it locked rather than waiting for setup.
    expect((await settingsOf()).keys.status).toBe('locked');
  });

  it('SYNC-18a: losing the race to another device turns setup into unlocking', async () => {
    const first = await settingsOf();
    const second = await settingsOf();
    await Promise.all([
      first.keys.prepareSetup(PASSPHRASE),
      second.keys.prepareSetup('other one!'),
    ]);
    await first.keys.finishSetup();
    await second.keys.finishSetup();
    expect(second.keys.status).toBe('locked');
    expect(second.keys.problem?.problem).toBe('conflict');
    expect(second.keys.recoveryCode).toBeUndefined();
    expect(await second.keys.unlock('other one!')).toBe(false);
    expect(second.keys.problem?.problem).toBe('wrong-passphrase');
    expect(await second.keys.unlock(PASSPHRASE)).toBe(true);
    expect(second.keys.status).toBe('unlocked');
  });

  it('SYNC-19a: the new device polls the relay until the old device has sent, then holds the key', async () => {
    const old = await settingsOf();
    await old.keys.prepareSetup(PASSPHRASE);
    await old.keys.finishSetup();
    const fresh = await settingsOf();
    expect(fresh.keys.status).toBe('locked');
    await fresh.keys.startReceiving('https://library.test');
    const shown = fresh.keys.receiving;
    expect(shown?.fingerprint).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const publicKey = publicKeyFromFragment(new URL(shown!.link).hash);
    expect(await old.keys.send(publicKey!, PASSPHRASE)).toBe(true);
    expect(old.keys.notice).toBe('sent');
    await vi.waitFor(() => expect(fresh.keys.notice).toBe('received'), { timeout: 10_000 });
    expect(fresh.keys.status).toBe('unlocked');
    expect(fresh.keys.receiving).toBeUndefined();
    expect(await loadLibraryKey(fresh.db)).not.toBeNull();
  });

  it('a refused token while checking signs the device out instead of offering setup', async () => {
    const refusing: KeysApi = {
      ...server.api,
      getWrappedKey: async () => failure({ code: 'unauthenticated', message: 'no', status: 401 }),
    };
    const { keys, device } = await settingsOf(true, refusing);
    expect(device.status).toBe('signed-out');
    expect(keys.status).toBe('not-connected');
  });
});
