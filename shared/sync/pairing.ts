import { base64ToBytes, bytesToBase64, bytesToHex } from './base64.ts';
import { DecryptionError } from './crypto.ts';
import { toBase32 } from './recovery-code.ts';

/**
 * Pairing handoff of the library key (SYNC-19). The new device makes a one-time ECDH P-256 key
 * pair and shows its public key (QR code or link fragment, never sent to our server); both
 * screens show a short fingerprint of it for the person to compare; the old device answers with
 * the library key wrapped under ECDH(ephemeral, new device) → HKDF-SHA-256 → AES-256-GCM.
 */

const INFO_LABEL = 'memory-library/pairing/v1';
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

export interface PairingRequest {
  /** Stays on the new device, non-extractable, used once. */
  privateKey: CryptoKey;
  /** base64 of the uncompressed P-256 point (65 bytes): what the QR code carries. */
  publicKey: string;
  fingerprint: string;
}

export interface PairingEnvelope {
  v: 1;
  ephemeralPublicKey: string;
  iv: string;
  wrapped: string;
}

export async function createPairingRequest(): Promise<PairingRequest> {
  const pair = (await crypto.subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
  const publicKey = bytesToBase64(
    new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer),
  );
  return {
    privateKey: pair.privateKey,
    publicKey,
    fingerprint: await pairingFingerprint(publicKey),
  };
}

/** 40 bits of SHA-256 as `ABCD-EFGH`: enough that a swapped key cannot be made to match. */
export async function pairingFingerprint(publicKey: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', base64ToBytes(publicKey)));
  const text = toBase32(hash.slice(0, 5));
  return `${text.slice(0, 4)}-${text.slice(4, 8)}`;
}

/**
 * The name the relay keeps the envelope under (SYNC-19a): hex SHA-256 of a label and the public
 * key. Labelled, so the server learns neither the key nor the fingerprint the person compares.
 */
export async function handoffRequestId(publicKey: string): Promise<string> {
  const label = new TextEncoder().encode('memory-library/handoff/v1\u0000');
  const hash = await crypto.subtle.digest('SHA-256', concat(label, base64ToBytes(publicKey)));
  return bytesToHex(new Uint8Array(hash));
}

async function sharedKey(
  privateKey: CryptoKey,
  peerPublic: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  libraryId: string,
): Promise<CryptoKey> {
  const peer = await crypto.subtle.importKey('raw', peerPublic, ECDH, false, []);
  // Workers' types spell the field `$public`; every runtime reads `public`.
  const algorithm = { name: 'ECDH', public: peer } as unknown as Parameters<
    typeof crypto.subtle.deriveBits
  >[0];
  const secret = await crypto.subtle.deriveBits(algorithm, privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: info(libraryId) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

function info(libraryId: string) {
  return new TextEncoder().encode(`${INFO_LABEL}\u0000${libraryId}`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** On the old device, after the person confirmed the fingerprint. `libraryKey` must be extractable. */
export async function sealForPairing(
  libraryKey: CryptoKey,
  newDevicePublicKey: string,
  libraryId: string,
): Promise<PairingEnvelope> {
  const ephemeral = (await crypto.subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
  const ephemeralPublic = new Uint8Array(
    (await crypto.subtle.exportKey('raw', ephemeral.publicKey)) as ArrayBuffer,
  );
  const recipient = base64ToBytes(newDevicePublicKey);
  const key = await sharedKey(
    ephemeral.privateKey,
    recipient,
    concat(ephemeralPublic, recipient),
    libraryId,
  );
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapped = await crypto.subtle.wrapKey('raw', libraryKey, key, {
    name: 'AES-GCM',
    iv,
    additionalData: info(libraryId),
  });
  return {
    v: 1,
    ephemeralPublicKey: bytesToBase64(ephemeralPublic),
    iv: bytesToBase64(iv),
    wrapped: bytesToBase64(new Uint8Array(wrapped)),
  };
}

/** On the new device: the library key, non-extractable unless asked. */
export async function openPairingEnvelope(
  envelope: PairingEnvelope,
  request: Pick<PairingRequest, 'privateKey' | 'publicKey'>,
  libraryId: string,
  { extractable = false } = {},
): Promise<CryptoKey> {
  const ephemeralPublic = base64ToBytes(envelope.ephemeralPublicKey);
  const key = await sharedKey(
    request.privateKey,
    ephemeralPublic,
    concat(ephemeralPublic, base64ToBytes(request.publicKey)),
    libraryId,
  );
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      base64ToBytes(envelope.wrapped),
      key,
      { name: 'AES-GCM', iv: base64ToBytes(envelope.iv), additionalData: info(libraryId) },
      { name: 'AES-GCM' },
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch {
    throw new DecryptionError('This pairing answer could not be opened on this device.');
  }
}
