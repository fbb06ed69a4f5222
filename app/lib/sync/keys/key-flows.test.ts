import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decryptRevision, encryptRevision } from '#shared/sync/crypto';
import { failure, type ApiResult } from '../../api/result.ts';
import { createDatabase, type MemoryLibraryDb } from '../../db/database.ts';
import { holdsLibraryKey, LIBRARY_KEY_CHANGED, type KeysContext } from './key-context.ts';
import { collectKey, createKeyRequest, publicKeyFromFragment, sendKey } from './key-handoff.ts';
import {
  changeLibraryPassphrase,
  finishSetup,
  passphraseStrength,
  prepareSetup,
  recoverWithCode,
  unlockWithPassphrase,
} from './key-setup.ts';
import { fakeServer } from './fake-keys-server.ts';
import { loadLibraryKey } from './library-key.ts';

const FAST = 1_000; // PBKDF2 iterations here; the wire's 600,000 floor is tested in shared/sync
const ids = { libraryId: 'lib-1', entryId: 'e1', revId: 'r1' };
const OFFLINE = { code: 'offline', message: 'no network' } as const;

let server: ReturnType<typeof fakeServer>;
const dbs: MemoryLibraryDb[] = [];

function device(libraryId = 'lib-1'): KeysContext {
  const db = createDatabase(`keys-${crypto.randomUUID()}`);
  dbs.push(db);
  return {
    db,
    api: server.api,
    libraryId,
    withToken: <T>(call: (token: string) => Promise<ApiResult<T>>) => call('token'),
  };
}

/** Counts `library-key-changed` events, as the sync engine would hear them. */
let changes = 0;
beforeEach(() => {
  server = fakeServer();
  changes = 0;
  const target = new EventTarget();
  target.addEventListener(LIBRARY_KEY_CHANGED, () => (changes += 1));
  Object.assign(globalThis, { window: target });
});

afterEach(async () => {
  Reflect.deleteProperty(globalThis, 'window');
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

async function setUp(ctx: KeysContext, passphrase = 'a long passphrase') {
  const prepared = await prepareSetup(passphrase, FAST);
  expect(await finishSetup(ctx, prepared)).toEqual({ ok: true });
  return prepared;
}

async function readsRevisionOf(ctx: KeysContext, key: CryptoKey): Promise<boolean> {
  const sealed = await encryptRevision(key, ids, 'hello from another device');
  const kept = await loadLibraryKey(ctx.db);
  if (!kept) return false;
  return (await decryptRevision(kept.key, ids, sealed.ciphertext)) === 'hello from another device';
}

describe('setting up the library key', () => {
  it('SYNC-18b: nothing is stored or sent before the person has seen the recovery code', async () => {
    const a = device();
    const prepared = await prepareSetup('a long passphrase', FAST);
    expect(prepared.recoveryCode).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    expect(server.stored()).toBeNull();
    expect(await loadLibraryKey(a.db)).toBeNull();

    expect(await finishSetup(a, prepared)).toEqual({ ok: true });
    expect(server.stored()?.version).toBe(1);
    const kept = await loadLibraryKey(a.db);
    // The CryptoKey survives IndexedDB (structured clone), and stays unreadable to script.
    expect(kept?.key.extractable).toBe(false);
    expect(kept?.libraryId).toBe('lib-1');
    expect(changes).toBe(1);
    expect(await readsRevisionOf(a, prepared.key)).toBe(true);
    expect(await holdsLibraryKey(a.db, 'lib-1')).toBe(true);
    expect(await holdsLibraryKey(a.db, 'lib-2')).toBe(false);
  });

  it('SYNC-18a: a second device setting up at the same time is told to unlock instead, and keeps nothing', async () => {
    const a = device();
    const b = device();
    const first = await prepareSetup('first passphrase', FAST);
    const second = await prepareSetup('second passphrase', FAST);
    expect(await finishSetup(a, first)).toEqual({ ok: true });
    expect(await finishSetup(b, second)).toMatchObject({ ok: false, problem: 'conflict' });
    expect(await loadLibraryKey(b.db)).toBeNull();
    expect(await unlockWithPassphrase(b, 'first passphrase')).toEqual({ ok: true });
    expect(await readsRevisionOf(b, first.key)).toBe(true);
  });
});

describe('unlocking, recovering and changing the passphrase', () => {
  it('SYNC-18b: a wrong passphrase keeps nothing; the right one unlocks the same key', async () => {
    const a = device();
    const b = device();
    expect(await unlockWithPassphrase(b, 'anything at all')).toMatchObject({ problem: 'no-key' });
    const prepared = await setUp(a);
    expect(await unlockWithPassphrase(b, 'not the passphrase')).toEqual({
      ok: false,
      problem: 'wrong-passphrase',
    });
    expect(await loadLibraryKey(b.db)).toBeNull();
    expect(await unlockWithPassphrase(b, 'a long passphrase')).toEqual({ ok: true });
    expect(await readsRevisionOf(b, prepared.key)).toBe(true);
  });

  it('SYNC-18b: the recovery code restores the key under a new passphrase; a typo is caught', async () => {
    const a = device();
    const b = device();
    const prepared = await setUp(a, 'forgotten passphrase');
    const typo = prepared.recoveryCode.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await recoverWithCode(b, typo, 'new passphrase here', FAST)).toEqual({
      ok: false,
      problem: 'invalid-recovery-code',
    });
    const typed = prepared.recoveryCode.toLowerCase().replace(/-/g, ' ');
    expect(await recoverWithCode(b, typed, 'new passphrase here', FAST)).toEqual({ ok: true });
    expect(server.stored()?.version).toBe(2);
    expect(await readsRevisionOf(b, prepared.key)).toBe(true);

    const c = device();
    expect(await unlockWithPassphrase(c, 'forgotten passphrase')).toMatchObject({
      problem: 'wrong-passphrase',
    });
    expect(await unlockWithPassphrase(c, 'new passphrase here')).toEqual({ ok: true });
  });

  it('SYNC-18: changing the passphrase re-wraps the same key; the old one stops working', async () => {
    const a = device();
    const prepared = await setUp(a, 'old passphrase 1');
    expect(
      await changeLibraryPassphrase(a, 'not the old one', 'new passphrase 2', FAST),
    ).toMatchObject({ problem: 'wrong-passphrase' });
    expect(server.stored()?.version).toBe(1);
    expect(await changeLibraryPassphrase(a, 'old passphrase 1', 'new passphrase 2', FAST)).toEqual({
      ok: true,
    });
    expect(server.stored()?.version).toBe(2);
    const b = device();
    expect(await unlockWithPassphrase(b, 'old passphrase 1')).toMatchObject({
      problem: 'wrong-passphrase',
    });
    expect(await unlockWithPassphrase(b, 'new passphrase 2')).toEqual({ ok: true });
    expect(await readsRevisionOf(b, prepared.key)).toBe(true);
  });

  it('rates passphrases: under 10 characters is too short', () => {
    expect(passphraseStrength('short')).toBe('too-short');
    expect(passphraseStrength('abcdefghij')).toBe('fair');
    expect(passphraseStrength('Abcdefgh1!')).toBe('strong');
    expect(passphraseStrength('四个汉字不够长的密码句子')).toBe('fair');
  });
});

describe('the pairing handoff', () => {
  it('SYNC-19a: the new device receives the key through the link, once, with matching fingerprints', async () => {
    const old = device();
    const fresh = device();
    const prepared = await setUp(old, 'the passphrase');
    const request = await createKeyRequest('https://library.test');
    const url = new URL(request.link);
    expect(url.pathname).toBe('/keys/send');
    const publicKey = publicKeyFromFragment(url.hash);
    expect(publicKey).toBe(request.pairing.publicKey);
    expect(await collectKey(fresh, request)).toBe('waiting');
    const offline = { ...fresh, api: { ...fresh.api, takeHandoff: async () => failure(OFFLINE) } };
    expect(await collectKey(offline, request)).toBe('waiting');

    expect(await sendKey(old, publicKey!, 'wrong passphrase')).toMatchObject({
      problem: 'wrong-passphrase',
    });
    expect(server.handoffs.size).toBe(0);
    expect(await sendKey(old, publicKey!, 'the passphrase')).toEqual({ ok: true });
    expect(await sendKey(old, publicKey!, 'the passphrase')).toMatchObject({
      problem: 'conflict',
    });
    // Only sealed bytes wait on the server: neither the key nor the public key.
    expect(JSON.stringify([...server.handoffs.values()])).not.toContain(publicKey);

    expect(await collectKey(fresh, request)).toEqual({ ok: true });
    expect((await loadLibraryKey(fresh.db))?.key.extractable).toBe(false);
    expect(await readsRevisionOf(fresh, prepared.key)).toBe(true);
    expect(await collectKey(fresh, request)).toBe('waiting');
  });

  it('SYNC-19: an envelope sealed for another library cannot be opened, and nothing is kept', async () => {
    const old = device('lib-1');
    const stranger = device('lib-2');
    await setUp(old, 'the passphrase');
    const request = await createKeyRequest('https://library.test');
    await sendKey(old, request.pairing.publicKey, 'the passphrase');
    expect(await collectKey(stranger, request)).toEqual({ ok: false, problem: 'unreadable' });
    expect(await loadLibraryKey(stranger.db)).toBeNull();
  });

  it('reads only a P-256 public key from a link fragment', () => {
    expect(publicKeyFromFragment('')).toBeNull();
    expect(publicKeyFromFragment('#abc')).toBeNull();
    expect(publicKeyFromFragment(`#${'A'.repeat(87)}`)).toBeNull();
    // 0x08 where an uncompressed point starts with 0x04.
    expect(publicKeyFromFragment(`#C${'A'.repeat(86)}`)).toBeNull();
  });
});
