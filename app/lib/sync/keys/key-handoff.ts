import { base64ToBytes, bytesToBase64 } from '#shared/sync/base64';
import { DecryptionError } from '#shared/sync/crypto';
import {
  createPairingRequest,
  handoffRequestId,
  openPairingEnvelope,
  sealForPairing,
  type PairingRequest,
} from '#shared/sync/pairing';
import { unwrapWithPassphrase, WrongPassphraseError } from '#shared/sync/passphrase';
import { keepLibraryKey, problemOf, type KeyOutcome, type KeysContext } from './key-context.ts';

/**
 * Handing the library key to a new device (SYNC-19, SYNC-19a). The new device shows a link
 * carrying its one-time public key in the fragment, which never reaches the server; the old
 * device opens it, the person compares fingerprints, and the key travels sealed to that public
 * key through the server's relay.
 */

/** The page of the old device that answers a request. */
export const SEND_PATH = '/keys/send';

export interface KeyRequest {
  pairing: PairingRequest;
  requestId: string;
  /** `<origin>/keys/send#<public key, base64url>`: what the QR code and the link carry. */
  link: string;
}

export async function createKeyRequest(origin: string): Promise<KeyRequest> {
  const pairing = await createPairingRequest();
  return {
    pairing,
    requestId: await handoffRequestId(pairing.publicKey),
    link: `${origin}${SEND_PATH}#${toBase64Url(pairing.publicKey)}`,
  };
}

/**
 * One look at the relay. `waiting` until the old device has sent; the envelope is gone once
 * read, so a failure to open it means starting a new request.
 */
export async function collectKey(
  ctx: KeysContext,
  request: KeyRequest,
): Promise<KeyOutcome | 'waiting'> {
  const taken = await ctx.withToken((token) => ctx.api.takeHandoff(request.requestId, token));
  // Offline for a moment is still waiting: a phone on the move should not lose the request.
  if (!taken.ok) return isStillWaiting(taken.error.code) ? 'waiting' : problemOf(taken.error);
  try {
    const key = await openPairingEnvelope(taken.data.envelope, request.pairing, ctx.libraryId);
    await keepLibraryKey(ctx.db, key, ctx.libraryId);
    return { ok: true };
  } catch (error) {
    if (error instanceof DecryptionError) return { ok: false, problem: 'unreadable' };
    throw error;
  }
}

/**
 * On the old device, after the person confirmed the fingerprint: the passphrase opens an
 * extractable copy of the key (the one kept here never is), which is sealed to the new device.
 */
export async function sendKey(
  ctx: KeysContext,
  publicKey: string,
  passphrase: string,
): Promise<KeyOutcome> {
  const stored = await ctx.withToken((token) => ctx.api.getWrappedKey(token));
  if (!stored.ok) return problemOf(stored.error);
  let key: CryptoKey;
  try {
    key = await unwrapWithPassphrase(stored.data.wrappedKey, passphrase, { extractable: true });
  } catch (error) {
    if (error instanceof WrongPassphraseError) return { ok: false, problem: 'wrong-passphrase' };
    throw error;
  }
  const envelope = await sealForPairing(key, publicKey, ctx.libraryId);
  const requestId = await handoffRequestId(publicKey);
  const posted = await ctx.withToken((token) =>
    ctx.api.postHandoff({ requestId, envelope }, token),
  );
  return posted.ok ? { ok: true } : problemOf(posted.error);
}

/** The public key in a `/keys/send` link's fragment, or null when it is not a P-256 point. */
export function publicKeyFromFragment(hash: string): string | null {
  const text = hash.replace(/^#/, '');
  if (!/^[A-Za-z0-9_-]{87}$/.test(text)) return null;
  const base64 = `${text.replace(/-/g, '+').replace(/_/g, '/')}=`;
  const bytes = base64ToBytes(base64);
  // An uncompressed point: 0x04, then x and y.
  return bytes.length === 65 && bytes[0] === 4 ? bytesToBase64(bytes) : null;
}

function isStillWaiting(code: string): boolean {
  return code === 'not-found' || code === 'offline';
}

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
