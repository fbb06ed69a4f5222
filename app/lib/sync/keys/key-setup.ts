import { createLibraryKey, importLibraryKey } from '#shared/sync/crypto';
import {
  changePassphrase,
  PBKDF2_ITERATIONS,
  unwrapWithPassphrase,
  wrapWithPassphrase,
  WrongPassphraseError,
  type PassphraseWrappedKey,
} from '#shared/sync/passphrase';
import {
  decodeRecoveryCode,
  encodeRecoveryCode,
  InvalidRecoveryCodeError,
} from '#shared/sync/recovery-code';
import { keepLibraryKey, problemOf, type KeyOutcome, type KeysContext } from './key-context.ts';

/**
 * Setting up, unlocking, recovering and re-wrapping the library key (SYNC-18, 18a, 18b). PBKDF2
 * runs inside WebCrypto, off the main thread, so the page stays responsive while it works.
 */

export const MIN_PASSPHRASE_LENGTH = 10;

/** A new key, wrapped and encoded, not yet stored anywhere: the person must see the code first. */
export interface PreparedSetup {
  /** Extractable until setup finishes; stored only as a non-extractable copy. */
  key: CryptoKey;
  wrappedKey: PassphraseWrappedKey;
  recoveryCode: string;
}

export async function prepareSetup(
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<PreparedSetup> {
  const key = await createLibraryKey();
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
  const [wrappedKey, recoveryCode] = await Promise.all([
    wrapWithPassphrase(key, passphrase, iterations),
    encodeRecoveryCode(raw),
  ]);
  return { key, wrappedKey, recoveryCode };
}

/**
 * After the person wrote the recovery code down: the wrapped key goes to the server first, and
 * only if no other device set one up meanwhile is the key kept here (a 409 means "unlock").
 */
export async function finishSetup(ctx: KeysContext, prepared: PreparedSetup): Promise<KeyOutcome> {
  const put = await ctx.withToken((token) =>
    ctx.api.putWrappedKey({ wrappedKey: prepared.wrappedKey, expectedVersion: 0 }, token),
  );
  if (!put.ok) return problemOf(put.error);
  await keepLibraryKey(ctx.db, prepared.key, ctx.libraryId);
  return { ok: true };
}

/** On a device without the key: open the server's wrapped key with the passphrase. */
export async function unlockWithPassphrase(
  ctx: KeysContext,
  passphrase: string,
): Promise<KeyOutcome> {
  const stored = await ctx.withToken((token) => ctx.api.getWrappedKey(token));
  if (!stored.ok) return problemOf(stored.error);
  try {
    const key = await unwrapWithPassphrase(stored.data.wrappedKey, passphrase);
    await keepLibraryKey(ctx.db, key, ctx.libraryId);
    return { ok: true };
  } catch (error) {
    if (error instanceof WrongPassphraseError) return { ok: false, problem: 'wrong-passphrase' };
    throw error;
  }
}

/**
 * The passphrase is forgotten: the recovery code is the key itself. It is kept here and wrapped
 * under a new passphrase, replacing the server's wrap (conditionally, as any change).
 */
export async function recoverWithCode(
  ctx: KeysContext,
  code: string,
  newPassphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<KeyOutcome> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = await decodeRecoveryCode(code);
  } catch (error) {
    if (error instanceof InvalidRecoveryCodeError) {
      return { ok: false, problem: 'invalid-recovery-code' };
    }
    throw error;
  }
  const stored = await ctx.withToken((token) => ctx.api.getWrappedKey(token));
  if (!stored.ok && stored.error.code !== 'not-found') return problemOf(stored.error);
  const key = await importLibraryKey(raw, true);
  const wrappedKey = await wrapWithPassphrase(key, newPassphrase, iterations);
  const expectedVersion = stored.ok ? stored.data.version : 0;
  const put = await ctx.withToken((token) =>
    ctx.api.putWrappedKey({ wrappedKey, expectedVersion }, token),
  );
  if (!put.ok) return problemOf(put.error);
  await keepLibraryKey(ctx.db, key, ctx.libraryId);
  return { ok: true };
}

/** A new passphrase re-wraps the same key; nothing else changes (SYNC-18). */
export async function changeLibraryPassphrase(
  ctx: KeysContext,
  oldPassphrase: string,
  newPassphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<KeyOutcome> {
  const stored = await ctx.withToken((token) => ctx.api.getWrappedKey(token));
  if (!stored.ok) return problemOf(stored.error);
  let wrappedKey: PassphraseWrappedKey;
  try {
    wrappedKey = await changePassphrase(
      stored.data.wrappedKey,
      oldPassphrase,
      newPassphrase,
      iterations,
    );
  } catch (error) {
    if (error instanceof WrongPassphraseError) return { ok: false, problem: 'wrong-passphrase' };
    throw error;
  }
  const put = await ctx.withToken((token) =>
    ctx.api.putWrappedKey({ wrappedKey, expectedVersion: stored.data.version }, token),
  );
  return put.ok ? { ok: true } : problemOf(put.error);
}

/** A rough hint, not a rule: length and variety, for the strength line under the field. */
export function passphraseStrength(passphrase: string): 'too-short' | 'fair' | 'strong' {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9\s]/, /\s/, /\P{ASCII}/u].filter(
    (pattern) => pattern.test(passphrase),
  ).length;
  return [...passphrase].length >= 16 || kinds >= 3 ? 'strong' : 'fair';
}
