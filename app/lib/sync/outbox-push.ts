import { clockOffset } from '#shared/sync/hlc';
import { MAX_CIPHERTEXT_BYTES, type PushMutation, type PushResponse } from '#shared/sync/wire';
import type { ApiError } from '../api/result.ts';
import type { MemoryLibraryDb } from '../db/database.ts';
import { readSyncClock, writeSyncClock } from '../db/sync-outbox.ts';
import { sealRevision } from './revision-codec.ts';
import type { SyncTransport } from './transport.ts';

/** Rows read per push; the body limit (256 KB after decompression) usually ends a batch first. */
const PUSH_ROWS = 200;
/** JSON characters per push body, under the Worker's 256 KB limit with room for the envelope. */
const PUSH_BODY_CHARS = 200_000;

/** What pushing needs: the server, the library key, and who this device is. */
export interface PushSession {
  transport: SyncTransport;
  key: CryptoKey;
  libraryId: string;
  /** The server's id for this device (its credentials). */
  deviceId: string;
  /** The id revisions written here carry (kv `localDeviceId`). */
  localDeviceId: string;
}

export class SyncFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/**
 * Pushes the whole outbox in batches (SYNC-5, SYNC-10): rows leave it only when an answer names
 * them (acked, or rejected for good and kept as "not synced"). Shared by the page's engine and
 * the service worker's Background Sync (SYNC-21). Throws `SyncFailure` on a failed push; the rows
 * of that batch stay for the next try.
 */
export async function pushOutbox(
  db: MemoryLibraryDb,
  session: PushSession,
  afterBatch?: () => Promise<void>,
): Promise<void> {
  for (;;) {
    const rows = await db.outbox
      .orderBy('seq')
      .filter((row) => !row.rejected)
      .limit(PUSH_ROWS)
      .toArray();
    if (rows.length === 0) return;
    const revisions = await db.revisions.bulkGet(rows.map((row) => row.revId));
    const mutations: PushMutation[] = [];
    const gone: number[] = [];
    const tooLarge: number[] = [];
    let chars = 0;
    for (const [index, row] of rows.entries()) {
      const revision = revisions[index];
      // Deleted forever from the Trash before it was pushed: nothing left to send.
      if (!revision) {
        gone.push(row.mutationId);
        continue;
      }
      const wire = await sealRevision(session.key, session.libraryId, revision, session.deviceId);
      // The server would refuse it for good (SYNC-9), and it would not fit a body anyway.
      if (wire.size > MAX_CIPHERTEXT_BYTES) {
        tooLarge.push(row.mutationId);
        continue;
      }
      const cost = wire.ciphertext.length + 400;
      if (mutations.length > 0 && chars + cost > PUSH_BODY_CHARS) break;
      mutations.push({ mutationId: row.mutationId, revision: wire });
      chars += cost;
    }
    await settleLocally(db, gone, tooLarge);
    if (mutations.length === 0) continue;
    const sentAt = Date.now();
    const answer = await session.transport.push(mutations);
    if (!answer.ok) throw new SyncFailure(answer.error);
    await acknowledge(db, answer.data, sentAt, session.localDeviceId);
    await afterBatch?.();
  }
}

async function settleLocally(db: MemoryLibraryDb, gone: number[], tooLarge: number[]) {
  if (gone.length === 0 && tooLarge.length === 0) return;
  const at = new Date().toISOString();
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox.where('mutationId').anyOf(gone).delete();
    await db.outbox
      .where('mutationId')
      .anyOf(tooLarge)
      .modify({ rejected: { reason: 'too-large', at } });
  });
}

async function acknowledge(
  db: MemoryLibraryDb,
  answer: PushResponse,
  sentAt: number,
  localDeviceId: string,
): Promise<void> {
  const at = new Date().toISOString();
  const offset = clockOffset(answer.serverTime, sentAt, Date.now());
  await db.transaction('rw', db.outbox, db.kv, async () => {
    await db.outbox.where('mutationId').anyOf(answer.acked).delete();
    for (const { mutationId, reason } of answer.rejected) {
      await db.outbox.where('mutationId').equals(mutationId).modify({ rejected: { reason, at } });
    }
    const clock = await readSyncClock(db.kv, localDeviceId);
    await writeSyncClock(db.kv, { ...clock, clockOffsetMs: offset });
  });
}

/**
 * Whether pushing now could reuse mutation ids the server has seen from this device (SYNC-15a),
 * which it would ack as the old rows without storing these (SYNC-6). After the browser cleared
 * the database, ids start at 1 again: the next id may still be above the server's last one when
 * the device wrote as much after the clearing as before, so waiting rows are checked too.
 */
export async function outboxReusesSeenIds(
  db: MemoryLibraryDb,
  serverLastMutationId: number,
  nextMutationId: number,
): Promise<boolean> {
  if (serverLastMutationId >= nextMutationId) return true;
  const lowest = await db.outbox
    .orderBy('mutationId')
    .filter((row) => !row.rejected)
    .first();
  return lowest !== undefined && lowest.mutationId <= serverLastMutationId;
}
