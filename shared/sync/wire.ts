import { z } from 'zod';
import { HLC_PATTERN } from './hlc.ts';

/**
 * The sync wire contract (SYNC-SPEC.md §2, §4–§7). The server sees only these fields: ids,
 * clocks, sizes and ciphertext. Everything a person wrote is inside `ciphertext`.
 */

/** Ids are made by clients (random); a narrow alphabet keeps them out of any injection story. */
export const SyncIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Largest ciphertext a revision may carry (SYNC-9): 20,000 characters of CJK plus overhead. */
export const MAX_CIPHERTEXT_BYTES = 128 * 1024;
/** A merge revision closes at most this many other heads (SYNC-12). */
export const MAX_MERGED_PARENTS = 16;

export const RevisionSchema = z.strictObject({
  entryId: SyncIdSchema,
  revId: SyncIdSchema,
  /** The head this revision was written on; null for the first revision of an entry. */
  parentRevId: SyncIdSchema.nullable(),
  /** Further heads this revision closes (a merge or a person's choice between versions). */
  mergedRevIds: z.array(SyncIdSchema).max(MAX_MERGED_PARENTS).optional(),
  deviceId: SyncIdSchema,
  hlc: z.string().regex(HLC_PATTERN),
  /** base64 of IV ‖ AES-GCM ciphertext ‖ tag (crypto.ts). */
  ciphertext: z
    .string()
    .max(Math.ceil(MAX_CIPHERTEXT_BYTES / 3) * 4 + 4096)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .refine((text) => text.length % 4 === 0, 'base64 length must be a multiple of 4'),
  /** Decoded ciphertext length in bytes; the server checks it. */
  size: z.number().int().min(0),
});
export type Revision = z.infer<typeof RevisionSchema>;

export const MutationIdSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** A mutation as the server first reads it: the revision is checked one by one (SYNC-9). */
export const PushMutationSchema = z.strictObject({
  mutationId: MutationIdSchema,
  revision: z.unknown(),
});
export type PushMutation = z.infer<typeof PushMutationSchema>;

export const MAX_PUSH_MUTATIONS = 500;

export const PushRequestSchema = z.strictObject({
  /** Optional, and when present it must be the authenticated device's (SYNC-7). */
  deviceId: SyncIdSchema.optional(),
  mutations: z.array(PushMutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const RejectReasonSchema = z.enum([
  'invalid-revision',
  'too-large',
  'size-mismatch',
  'rev-id-in-use',
]);
export type RejectReason = z.infer<typeof RejectReasonSchema>;

export const PushResponseSchema = z.object({
  acked: z.array(MutationIdSchema),
  rejected: z.array(z.object({ mutationId: MutationIdSchema, reason: RejectReasonSchema })),
  /** The server's last sequence after this commit. */
  cursor: z.number().int().min(0),
  /** The server's clock (ms), so a device with a wrong clock can correct its HLC (SYNC-3). */
  serverTime: z.number().int(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const PulledRevisionSchema = z.object({
  ...RevisionSchema.shape,
  seq: z.number().int().min(1),
});
export type PulledRevision = z.infer<typeof PulledRevisionSchema>;

export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 200;

const cursorParam = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const PullQuerySchema = z.strictObject({
  cursor: cursorParam.default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.infer<typeof PullQuerySchema>;

export const PullResponseSchema = z.object({
  revisions: z.array(PulledRevisionSchema),
  /** Pass this back as the next `cursor`. */
  cursor: z.number().int().min(0),
  hasMore: z.boolean(),
  serverTime: z.number().int(),
  /** Highest mutation id the server recorded for this device: a restored device goes on after it. */
  lastMutationId: z.number().int().min(0),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

export const DigestQuerySchema = z.strictObject({ cursor: cursorParam.optional() });

export const DigestResponseSchema = z.object({
  /** The digest covers revisions with seq ≤ cursor (the server's last seq when none is asked). */
  cursor: z.number().int().min(0),
  count: z.number().int().min(0),
  /** SHA-256 hex over the sorted revIds joined by "\n" (digest.ts). */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DigestResponse = z.infer<typeof DigestResponseSchema>;
