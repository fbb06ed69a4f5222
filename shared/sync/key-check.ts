import { bytesToBase64 } from './base64.ts';

/**
 * A check value of the library key (SYNC-18a), stored beside its passphrase wrap: a recovery code
 * passes its own checksum even when it belongs to another library, and must not then replace
 * this library's wrap. 128 bits of a labelled SHA-256 of the raw key: enough to tell keys apart,
 * and, the key being 256 random bits, no help to anyone guessing it.
 */
export async function libraryKeyCheck(raw: Uint8Array<ArrayBuffer>): Promise<string> {
  const label = new TextEncoder().encode('memory-library/key-check/v1\u0000');
  const input = new Uint8Array(label.length + raw.length);
  input.set(label);
  input.set(raw, label.length);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return bytesToBase64(hash.slice(0, 16));
}
