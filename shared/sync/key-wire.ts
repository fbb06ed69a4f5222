import { z } from 'zod';
import { PBKDF2_ITERATIONS } from './passphrase.ts';

/**
 * The wire contract of the library key's two server-side helpers (SYNC-18a, SYNC-19a): the
 * passphrase-wrapped key kept per library, and the relay of a pairing envelope. The server only
 * ever holds these wrapped blobs; both shapes mirror `passphrase.ts` and `pairing.ts`.
 */

/** Standard base64 of exactly `bytes` bytes. */
function base64Of(bytes: number) {
  const length = Math.ceil(bytes / 3) * 4;
  const padding = (3 - (bytes % 3)) % 3;
  return z
    .string()
    .length(length)
    .regex(new RegExp(`^[A-Za-z0-9+/]{${length - padding}}={${padding}}$`));
}

/** A wrapped 256-bit key: 32 bytes of ciphertext and a 16-byte AES-GCM tag. */
const WRAPPED_KEY = base64Of(48);

export const PassphraseWrappedKeySchema = z.strictObject({
  v: z.literal(1),
  kdf: z.literal('PBKDF2-SHA-256'),
  // A weaker wrap would be a downgrade any device could push for everyone; the upper bound keeps
  // a hostile blob from hanging the devices that unwrap it.
  iterations: z.number().int().min(PBKDF2_ITERATIONS).max(10_000_000),
  salt: base64Of(16),
  iv: base64Of(12),
  wrapped: WRAPPED_KEY,
});

/** Version 0 means "the library has no wrapped key yet". */
const KeyVersionSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const LibraryKeyBlobSchema = z.strictObject({
  wrappedKey: PassphraseWrappedKeySchema,
  /** Goes up by one with every write; a write names the version it replaces. */
  version: KeyVersionSchema.min(1),
});
export type LibraryKeyBlob = z.infer<typeof LibraryKeyBlobSchema>;

export const PutLibraryKeyRequestSchema = z.strictObject({
  wrappedKey: PassphraseWrappedKeySchema,
  /** The version this write replaces (0 for the first); another one is a 409 `conflict`. */
  expectedVersion: KeyVersionSchema,
});
export type PutLibraryKeyRequest = z.infer<typeof PutLibraryKeyRequestSchema>;

export const PutLibraryKeyResponseSchema = z.strictObject({ version: KeyVersionSchema.min(1) });
export type PutLibraryKeyResponse = z.infer<typeof PutLibraryKeyResponseSchema>;

/** Lowercase hex SHA-256 of the new device's one-time public key (`handoffRequestId`). */
export const HandoffRequestIdSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const PairingEnvelopeSchema = z.strictObject({
  v: z.literal(1),
  /** An uncompressed P-256 point. */
  ephemeralPublicKey: base64Of(65),
  iv: base64Of(12),
  wrapped: WRAPPED_KEY,
});

export const PostKeyHandoffRequestSchema = z.strictObject({
  requestId: HandoffRequestIdSchema,
  envelope: PairingEnvelopeSchema,
});
export type PostKeyHandoffRequest = z.infer<typeof PostKeyHandoffRequestSchema>;

export const PostKeyHandoffResponseSchema = z.strictObject({ expiresAt: z.iso.datetime() });
export type PostKeyHandoffResponse = z.infer<typeof PostKeyHandoffResponseSchema>;

export const KeyHandoffSchema = z.strictObject({ envelope: PairingEnvelopeSchema });
export type KeyHandoff = z.infer<typeof KeyHandoffSchema>;

/** How long a posted envelope waits for the new device. */
export const KEY_HANDOFF_TTL_MS = 10 * 60 * 1000;
