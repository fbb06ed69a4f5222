import { base64ToBytes, bytesToBase64 } from './base64.ts';

/**
 * The library key wrapped by a passphrase (SYNC-18). PBKDF2-SHA-256 with 600,000 iterations
 * (OWASP 2023) because WebCrypto has it everywhere; Argon2id would need a WASM package (see the
 * spec). Changing the passphrase re-wraps the key only: no revision is re-encrypted.
 */

export const PBKDF2_ITERATIONS = 600_000;
const WRAP_AAD = new TextEncoder().encode('memory-library/key-wrap/v1');

export interface PassphraseWrappedKey {
  v: 1;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  iv: string;
  wrapped: string;
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('This passphrase does not open the library key.');
    this.name = 'WrongPassphraseError';
  }
}

async function deriveKek(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** `libraryKey` must be extractable (WebCrypto wraps only those); the result may be stored. */
export async function wrapWithPassphrase(
  libraryKey: CryptoKey,
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<PassphraseWrappedKey> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const kek = await deriveKek(passphrase, salt, iterations);
  const wrapped = await crypto.subtle.wrapKey('raw', libraryKey, kek, {
    name: 'AES-GCM',
    iv,
    additionalData: WRAP_AAD,
  });
  return {
    v: 1,
    kdf: 'PBKDF2-SHA-256',
    iterations,
    salt: bytesToBase64(salt),
    iv: bytesToBase64(iv),
    wrapped: bytesToBase64(new Uint8Array(wrapped)),
  };
}

/** The library key, non-extractable unless asked (to pair a device or change the passphrase). */
export async function unwrapWithPassphrase(
  box: PassphraseWrappedKey,
  passphrase: string,
  { extractable = false } = {},
): Promise<CryptoKey> {
  const kek = await deriveKek(passphrase, base64ToBytes(box.salt), box.iterations);
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      base64ToBytes(box.wrapped),
      kek,
      { name: 'AES-GCM', iv: base64ToBytes(box.iv), additionalData: WRAP_AAD },
      { name: 'AES-GCM' },
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch {
    throw new WrongPassphraseError();
  }
}

/** A new passphrase wraps the same key; the old one must open it first. */
export async function changePassphrase(
  box: PassphraseWrappedKey,
  oldPassphrase: string,
  newPassphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<PassphraseWrappedKey> {
  const key = await unwrapWithPassphrase(box, oldPassphrase, { extractable: true });
  return wrapWithPassphrase(key, newPassphrase, iterations);
}
