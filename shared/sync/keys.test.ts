import { describe, expect, it } from 'vitest';
import { createLibraryKey, decryptRevision, encryptRevision } from './crypto.ts';
import {
  HandoffRequestIdSchema,
  PairingEnvelopeSchema,
  PassphraseWrappedKeySchema,
} from './key-wire.ts';
import {
  createPairingRequest,
  handoffRequestId,
  openPairingEnvelope,
  pairingFingerprint,
  sealForPairing,
} from './pairing.ts';
import {
  changePassphrase,
  PBKDF2_ITERATIONS,
  unwrapWithPassphrase,
  wrapWithPassphrase,
  WrongPassphraseError,
} from './passphrase.ts';
import {
  decodeRecoveryCode,
  encodeRecoveryCode,
  InvalidRecoveryCodeError,
} from './recovery-code.ts';

const ids = { libraryId: 'lib-1', entryId: 'e', revId: 'r' };
const FAST = 1_000; // iterations for the round-trip tests; one test runs the real count

describe('library key', () => {
  it('SYNC-18: wraps with the passphrase at ≥ 600,000 PBKDF2 iterations by default', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const key = await createLibraryKey();
    const box = await wrapWithPassphrase(key, 'correct horse');
    expect(box.iterations).toBe(PBKDF2_ITERATIONS);
    const opened = await unwrapWithPassphrase(box, 'correct horse');
    expect(opened.extractable).toBe(false);
    const sealed = await encryptRevision(key, ids, 'same key');
    expect(await decryptRevision(opened, ids, sealed.ciphertext)).toBe('same key');
  }, 30_000);

  it('SYNC-18: a wrong passphrase fails loudly; changing it re-wraps the same key', async () => {
    const key = await createLibraryKey();
    const box = await wrapWithPassphrase(key, 'first', FAST);
    await expect(unwrapWithPassphrase(box, 'First')).rejects.toThrow(WrongPassphraseError);
    const changed = await changePassphrase(box, 'first', 'second', FAST);
    await expect(unwrapWithPassphrase(changed, 'first')).rejects.toThrow(WrongPassphraseError);
    const sealed = await encryptRevision(key, ids, 'still readable');
    expect(
      await decryptRevision(await unwrapWithPassphrase(changed, 'second'), ids, sealed.ciphertext),
    ).toBe('still readable');
  });

  it('SYNC-18: the recovery code round-trips, forgives look-alikes and catches typos', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const code = await encodeRecoveryCode(raw);
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(
      await decodeRecoveryCode(code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l')),
    ).toEqual(raw);
    const typo = (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
    await expect(decodeRecoveryCode(typo)).rejects.toThrow(InvalidRecoveryCodeError);
  });
});

describe('pairing handoff', () => {
  it('SYNC-19: the new device opens the key sealed to its public key, and the fingerprints match', async () => {
    const key = await createLibraryKey();
    const request = await createPairingRequest();
    expect(request.privateKey.extractable).toBe(false);
    expect(request.fingerprint).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // What the old device shows after scanning the QR code.
    expect(await pairingFingerprint(request.publicKey)).toBe(request.fingerprint);
    const envelope = await sealForPairing(key, request.publicKey, 'lib-1');
    expect(JSON.stringify(envelope)).not.toContain(request.publicKey);
    const received = await openPairingEnvelope(envelope, request, 'lib-1');
    expect(received.extractable).toBe(false);
    const sealed = await encryptRevision(key, ids, 'paired');
    expect(await decryptRevision(received, ids, sealed.ciphertext)).toBe('paired');
  });

  it('SYNC-19: another device, or another library id, cannot open the envelope', async () => {
    const key = await createLibraryKey();
    const request = await createPairingRequest();
    const intruder = await createPairingRequest();
    const envelope = await sealForPairing(key, request.publicKey, 'lib-1');
    await expect(
      openPairingEnvelope(envelope, { ...intruder, publicKey: request.publicKey }, 'lib-1'),
    ).rejects.toThrow();
    await expect(openPairingEnvelope(envelope, request, 'lib-2')).rejects.toThrow();
    expect(await pairingFingerprint(intruder.publicKey)).not.toBe(request.fingerprint);
  });

  it('SYNC-19a: the relay id is a labelled hash, unlike the fingerprint; real blobs fit the wire schemas', async () => {
    const request = await createPairingRequest();
    const id = await handoffRequestId(request.publicKey);
    expect(HandoffRequestIdSchema.parse(id)).toBe(id);
    expect(await handoffRequestId(request.publicKey)).toBe(id);
    expect(await handoffRequestId((await createPairingRequest()).publicKey)).not.toBe(id);
    const key = await createLibraryKey();
    const envelope = await sealForPairing(key, request.publicKey, 'lib-1');
    expect(PairingEnvelopeSchema.parse(envelope)).toEqual(envelope);
    const wrapped = await wrapWithPassphrase(key, 'correct horse battery');
    expect(PassphraseWrappedKeySchema.parse(wrapped)).toEqual(wrapped);
    // The wire refuses a wrap weaker than the default (SYNC-18a).
    const weak = await wrapWithPassphrase(key, 'correct horse battery', FAST);
    expect(PassphraseWrappedKeySchema.safeParse(weak).success).toBe(false);
  });
});
