import { base64ToBytes, bytesToBase64 } from './base64.ts';

/**
 * End-to-end encryption of revisions (SYNC-17): AES-256-GCM under the library key, a fresh
 * random 96-bit IV per encryption, and associated data binding library, entry and revision ids,
 * so a ciphertext moved to another revision (or library) fails to open instead of lying.
 * Ciphertext on the wire is base64 of IV ‖ ciphertext ‖ 128-bit tag.
 */

export const IV_BYTES = 12;
export const TAG_BYTES = 16;
const AAD_LABEL = 'memory-library/revision/v1';

/** Raised for every failure to open: wrong key, tampered bytes, wrong ids. Never swallow it. */
export class DecryptionError extends Error {
  constructor(message = 'This revision could not be decrypted: wrong key or altered data.') {
    super(message);
    this.name = 'DecryptionError';
  }
}

export interface RevisionIds {
  libraryId: string;
  entryId: string;
  revId: string;
}

/**
 * A new random library key. The CryptoKey is extractable only so the first device can wrap it
 * (passphrase, recovery code, pairing); keep `importLibraryKey(raw, false)` for daily use.
 */
export async function createLibraryKey(): Promise<CryptoKey> {
  // The cast: Workers' types widen generateKey's result to CryptoKey | CryptoKeyPair.
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
    'encrypt',
    'decrypt',
  ]);
  return key as CryptoKey;
}

export function importLibraryKey(raw: Uint8Array<ArrayBuffer>, extractable = false) {
  if (raw.length !== 32) throw new Error('a library key is 32 bytes');
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, extractable, [
    'encrypt',
    'decrypt',
  ]);
}

/** Length-prefixed fields, so ("ab","c") and ("a","bc") can never give the same bytes. */
export function revisionAad({ libraryId, entryId, revId }: RevisionIds): Uint8Array<ArrayBuffer> {
  const parts = [AAD_LABEL, libraryId, entryId, revId].map((part) =>
    new TextEncoder().encode(part),
  );
  const out = new Uint8Array(parts.reduce((sum, part) => sum + 4 + part.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

/** AES-GCM with a given IV; only `encryptRevision` (random IV) and known-answer tests call it. */
export async function sealBytes(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
  plaintext: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  if (iv.length !== IV_BYTES) throw new Error('AES-GCM IVs here are 96 bits');
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad, tagLength: TAG_BYTES * 8 },
    key,
    plaintext,
  );
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return out;
}

export async function openBytes(
  key: CryptoKey,
  envelope: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  if (envelope.length < IV_BYTES + TAG_BYTES) throw new DecryptionError();
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: envelope.slice(0, IV_BYTES), additionalData: aad, tagLength: 128 },
      key,
      envelope.slice(IV_BYTES),
    );
    return new Uint8Array(plain);
  } catch {
    throw new DecryptionError();
  }
}

/** Encrypts a revision's plaintext; `size` is what the wire's `size` field must say. */
export async function encryptRevision(
  key: CryptoKey,
  ids: RevisionIds,
  plaintext: string,
): Promise<{ ciphertext: string; size: number }> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await sealBytes(key, iv, revisionAad(ids), encodeUtf8(plaintext));
  return { ciphertext: bytesToBase64(sealed), size: sealed.length };
}

export async function decryptRevision(
  key: CryptoKey,
  ids: RevisionIds,
  ciphertext: string,
): Promise<string> {
  let envelope: Uint8Array<ArrayBuffer>;
  try {
    envelope = base64ToBytes(ciphertext);
  } catch {
    throw new DecryptionError();
  }
  const plain = await openBytes(key, envelope, revisionAad(ids));
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(plain);
}

function encodeUtf8(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new TextEncoder().encode(text));
}
