/**
 * The recovery code (SYNC-18): the raw library key plus a 2-byte SHA-256 checksum in Crockford
 * base32, shown once, in groups of five. Typed look-alikes fold (O→0, I/L→1) and a typo fails
 * the checksum instead of producing a wrong key.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export class InvalidRecoveryCodeError extends Error {
  constructor() {
    super('This recovery code is not valid: check it for typos.');
    this.name = 'InvalidRecoveryCodeError';
  }
}

export function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new InvalidRecoveryCodeError();
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

async function checksum(raw: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', raw)).slice(0, 2);
}

/** `raw` is the exported library key (32 bytes). */
export async function encodeRecoveryCode(raw: Uint8Array<ArrayBuffer>): Promise<string> {
  if (raw.length !== 32) throw new Error('a library key is 32 bytes');
  const bytes = new Uint8Array(34);
  bytes.set(raw);
  bytes.set(await checksum(raw), 32);
  return (toBase32(bytes).match(/.{1,5}/g) ?? []).join('-');
}

export async function decodeRecoveryCode(code: string): Promise<Uint8Array<ArrayBuffer>> {
  const folded = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (folded.length !== 55) throw new InvalidRecoveryCodeError();
  const bytes = fromBase32(folded);
  const raw = bytes.slice(0, 32);
  const expected = await checksum(raw);
  if (bytes[32] !== expected[0] || bytes[33] !== expected[1]) throw new InvalidRecoveryCodeError();
  return raw;
}
