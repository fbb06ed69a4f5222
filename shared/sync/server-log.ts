import { base64ByteLength } from './base64.ts';
import {
  MAX_CIPHERTEXT_BYTES,
  RevisionSchema,
  type PulledRevision,
  type PushMutation,
  type RejectReason,
  type Revision,
} from './wire.ts';

/**
 * The server side of sync as pure logic over a small storage interface (SYNC-5 … SYNC-10). The
 * Library Durable Object implements `SyncStore` with SQLite (worker/storage/sync-store.ts); the
 * seeded simulation implements it in memory, so both run the very same rules.
 */
export interface SyncStore {
  /** Runs `fn` atomically: all of its writes land, or (when it throws) none do. */
  transaction<T>(fn: () => T): T;
  findMutation(deviceId: string, mutationId: number): MutationOutcome | null;
  recordMutation(deviceId: string, mutationId: number, outcome: MutationOutcome): void;
  /** Every mutation id ≤ this has been seen from the device (SYNC-6a); 0 when none. */
  mutationFloor(deviceId: string): number;
  /** Up to `limit` recorded mutation ids above `floor`, ascending. */
  mutationIdsAbove(deviceId: string, floor: number, limit: number): number[];
  /** Raises the device's floor and forgets the applied rows at or below it (SYNC-6a). */
  compactMutations(deviceId: string, floor: number): void;
  /** The entry a stored revision belongs to, or null when there is no such revision. */
  findRevisionEntry(revId: string): string | null;
  /** Stores a revision and returns its server sequence (1, 2, 3 … in commit order). */
  insertRevision(revision: Revision): number;
  lastSeq(): number;
  /** Up to `limit` revisions with seq > cursor, in seq order. */
  revisionsAfter(cursor: number, limit: number): PulledRevision[];
  /** Every stored revId with seq ≤ cursor. */
  revIdsUpTo(cursor: number): string[];
  /** The highest mutation id with a row for a device, 0 when none (see `lastMutationId`). */
  highestMutationRow(deviceId: string): number;
}

export type MutationOutcome = { status: 'applied' } | { status: 'rejected'; reason: RejectReason };

export interface PushResult {
  acked: number[];
  rejected: { mutationId: number; reason: RejectReason }[];
  cursor: number;
}

/**
 * Applies one push batch in one transaction (SYNC-5): a mutation id this device already sent is
 * answered as before and not applied again (SYNC-6); a revision already stored under another
 * mutation id is acked, not duplicated; content is never refused for conflicting with other
 * heads (SYNC-11); a permanently invalid mutation is recorded as rejected with its reason so it
 * never blocks the queue (SYNC-9). The caller answers only after this returns (after commit).
 */
export function applyPush(
  store: SyncStore,
  deviceId: string,
  mutations: readonly PushMutation[],
): PushResult {
  return store.transaction(() => {
    const result: PushResult = { acked: [], rejected: [], cursor: 0 };
    const floor = store.mutationFloor(deviceId);
    for (const { mutationId, revision } of mutations) {
      const outcome =
        seenOutcome(store, deviceId, mutationId, floor) ??
        applyOne(store, deviceId, mutationId, revision);
      if (outcome.status === 'applied') result.acked.push(mutationId);
      else result.rejected.push({ mutationId, reason: outcome.reason });
    }
    compactMutations(store, deviceId, floor);
    result.cursor = store.lastSeq();
    return result;
  });
}

const APPLIED: MutationOutcome = { status: 'applied' };

/** How a mutation id was answered before, or null when it is new (SYNC-6, SYNC-6a). */
function seenOutcome(
  store: SyncStore,
  deviceId: string,
  mutationId: number,
  floor: number,
): MutationOutcome | null {
  // Rejections keep their row (their reason is answered again); applied rows under the floor
  // were forgotten, and everything under the floor was seen.
  return store.findMutation(deviceId, mutationId) ?? (mutationId <= floor ? APPLIED : null);
}

/** Most rows one push walks while raising the floor: a push carries at most 500 mutations. */
const COMPACT_WALK = 1_000;

/**
 * SYNC-6a: once a device's ids are seen without a gap up to N, the applied rows ≤ N are replaced
 * by the floor N, so the table holds only the ids that arrived out of order and the rejections.
 */
function compactMutations(store: SyncStore, deviceId: string, floor: number): void {
  let next = floor;
  for (const id of store.mutationIdsAbove(deviceId, floor, COMPACT_WALK)) {
    if (id !== next + 1) break;
    next = id;
  }
  if (next > floor) store.compactMutations(deviceId, next);
}

/** The highest mutation id the server has seen from a device, 0 when none (SYNC-15a). */
export function lastMutationId(store: SyncStore, deviceId: string): number {
  return Math.max(store.mutationFloor(deviceId), store.highestMutationRow(deviceId));
}

function applyOne(
  store: SyncStore,
  deviceId: string,
  mutationId: number,
  candidate: unknown,
): MutationOutcome {
  const outcome = checkRevision(store, candidate);
  if (outcome.status === 'applied' && outcome.revision) store.insertRevision(outcome.revision);
  const recorded: MutationOutcome = outcome.status === 'applied' ? APPLIED : outcome;
  store.recordMutation(deviceId, mutationId, recorded);
  return recorded;
}

/** `revision` is set when it is new and must be stored; absent when it is already stored. */
function checkRevision(
  store: SyncStore,
  candidate: unknown,
): { status: 'applied'; revision?: Revision } | { status: 'rejected'; reason: RejectReason } {
  const parsed = RevisionSchema.safeParse(candidate);
  if (!parsed.success) return { status: 'rejected', reason: 'invalid-revision' };
  const revision = parsed.data;
  const bytes = base64ByteLength(revision.ciphertext);
  if (bytes > MAX_CIPHERTEXT_BYTES) return { status: 'rejected', reason: 'too-large' };
  if (bytes !== revision.size) return { status: 'rejected', reason: 'size-mismatch' };
  const storedEntry = store.findRevisionEntry(revision.revId);
  if (storedEntry === null) return { status: 'applied', revision };
  // Same revision again (a restore re-pushing it): stored once. Another entry: a client bug.
  return storedEntry === revision.entryId
    ? { status: 'applied' }
    : { status: 'rejected', reason: 'rev-id-in-use' };
}

/** Most bytes of ciphertext one pull answer carries, so a page of long memories stays small. */
export const MAX_PULL_BYTES = 2 * 1024 * 1024;

/** One page of revisions after `cursor` (SYNC-8): at least one when any exist. */
export function pullPage(
  store: SyncStore,
  deviceId: string,
  cursor: number,
  limit: number,
): { revisions: PulledRevision[]; cursor: number; hasMore: boolean; lastMutationId: number } {
  const rows = store.revisionsAfter(cursor, limit + 1);
  const revisions: PulledRevision[] = [];
  let bytes = 0;
  for (const row of rows.slice(0, limit)) {
    if (revisions.length > 0 && bytes + row.size > MAX_PULL_BYTES) break;
    revisions.push(row);
    bytes += row.size;
  }
  return {
    revisions,
    cursor: revisions.at(-1)?.seq ?? cursor,
    hasMore: rows.length > revisions.length,
    lastMutationId: lastMutationId(store, deviceId),
  };
}
