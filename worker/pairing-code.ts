import { sha256Hex } from './crypto.ts';

/**
 * Pairing codes: 8 characters of Crockford's base32 (no I, L, O or U, so nothing is misread),
 * shown as `ABCD-EFGH`: 40 random bits, typable on a phone, valid for ten minutes, once.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_TTL_MS = 10 * 60 * 1000;

export function newPairingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(PAIRING_CODE_LENGTH));
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  const chars = Array.from(bytes, (byte) => ALPHABET[byte % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What a person typed → the canonical code, or null. Case, spaces, dashes and look-alikes are forgiven. */
export function normalizePairingCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== PAIRING_CODE_LENGTH) return null;
  return [...code].every((char) => ALPHABET.includes(char)) ? code : null;
}

/** The stored form, and the shard (Pairing object name) that holds it. */
export async function pairingCodeKey(code: string): Promise<{ codeHash: string; shard: string }> {
  const codeHash = await sha256Hex(`pairing:${code}`);
  return { codeHash, shard: `pairing-${codeHash.slice(0, 2)}` };
}
