import { randomBase64Url, randomHex } from './crypto.ts';

/**
 * Device tokens are `ml1.<libraryId>.<secret>`: the library id says which Durable Object to ask,
 * and that object keeps only SHA-256 of the secret, so a leaked database grants nothing.
 */
const TOKEN_PATTERN = /^ml1\.([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/;

export interface DeviceToken {
  libraryId: string;
  secret: string;
}

export function newLibraryId(): string {
  return randomHex(16);
}

export function newDeviceId(): string {
  return randomHex(16);
}

export function newDeviceSecret(): string {
  return randomBase64Url(32);
}

export function formatDeviceToken({ libraryId, secret }: DeviceToken): string {
  return `ml1.${libraryId}.${secret}`;
}

export function parseDeviceToken(token: string): DeviceToken | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match?.[1] || !match[2]) return null;
  return { libraryId: match[1], secret: match[2] };
}
