import { receive, tick, zeroHlc } from '#shared/sync/hlc';
import type { MemoryLibraryDb, Revision } from './database.ts';
import { ensureLocalDeviceId } from './device-id.ts';
import {
  STAMPED_FIELDS,
  type FieldStamps,
  type OutboxRow,
  type StampedField,
} from './sync-tables.ts';

/**
 * The save path's part of sync (SYNC-2, SYNC-3, SYNC-10): every revision gets the device's next
 * HLC and mutation id, and its outbox row is written in the same transaction as the revision.
 */

const SYNC_CLOCK_KEY = 'syncClock';

/** This device's sync counters, one kv row so a save reads and writes it once. */
export interface SyncClock {
  /** The last HLC this device issued or saw (SYNC-3). */
  hlc: string;
  /** The next outbox row's mutation id (SYNC-2); never goes back (SYNC-15a). */
  nextMutationId: number;
  /** Learned from the server's time: added to the wall clock (SYNC-3). */
  clockOffsetMs: number;
}

export async function readSyncClock(
  kv: MemoryLibraryDb['kv'],
  localDeviceId: string,
): Promise<SyncClock> {
  const value = (await kv.get(SYNC_CLOCK_KEY))?.value as SyncClock | undefined;
  return value ?? { hlc: zeroHlc(localDeviceId), nextMutationId: 1, clockOffsetMs: 0 };
}

export async function writeSyncClock(kv: MemoryLibraryDb['kv'], clock: SyncClock): Promise<void> {
  await kv.put({ key: SYNC_CLOCK_KEY, value: clock });
}

/** A new revision's stamps: the changed fields get its own HLC, the others keep theirs. */
export function stampsAfter(
  base: FieldStamps | undefined,
  changed: readonly StampedField[] | 'all',
  hlc: string,
): FieldStamps {
  const stamps = {} as FieldStamps;
  for (const field of STAMPED_FIELDS) {
    const isChanged = changed === 'all' || changed.includes(field) || !base;
    stamps[field] = isChanged ? hlc : base[field];
  }
  return stamps;
}

export type UnstampedRevision = Omit<Revision, 'hlc' | 'stamps'>;
export type StampedRevision = Revision & Required<Pick<Revision, 'hlc' | 'stamps'>>;

/**
 * Stamps a revision with the next HLC and adds it with its outbox row. Call inside a rw
 * transaction over `writeTables(db)`, so revision, clock and outbox commit together.
 */
export async function addQueuedRevision(
  db: MemoryLibraryDb,
  draft: UnstampedRevision,
  changed: readonly StampedField[] | 'all',
  base: FieldStamps | undefined,
  now: Date,
): Promise<StampedRevision> {
  const clock = await readSyncClock(db.kv, draft.deviceId);
  const hlc = tick(clock.hlc, now.getTime() + clock.clockOffsetMs);
  const revision: StampedRevision = { ...draft, hlc, stamps: stampsAfter(base, changed, hlc) };
  await Promise.all([
    db.revisions.add(revision),
    writeSyncClock(db.kv, { ...clock, hlc, nextMutationId: clock.nextMutationId + 1 }),
    db.outbox.add({
      mutationId: clock.nextMutationId,
      entryId: draft.entryId,
      revId: draft.revId,
      queuedAt: now.toISOString(),
    }),
  ]);
  return revision;
}

/**
 * Revisions a backup brings in: stamped (keeping an HLC they already have) and queued, so the
 * other devices get them too. Call inside the import's transaction.
 */
export async function addImportedRevisions(
  db: MemoryLibraryDb,
  revisions: readonly Revision[],
  now: Date,
): Promise<void> {
  if (revisions.length === 0) return;
  const clock = await readSyncClock(db.kv, await ensureLocalDeviceId(db.kv));
  const wall = now.getTime() + clock.clockOffsetMs;
  const stamped: Revision[] = [];
  const rows: OutboxRow[] = [];
  // Parents before children, so a child's HLC is after its parent's (SYNC-3).
  for (const revision of [...revisions].sort((a, b) => a.createdAtMs - b.createdAtMs)) {
    clock.hlc = revision.hlc ? receive(clock.hlc, revision.hlc, wall) : tick(clock.hlc, wall);
    const hlc = revision.hlc ?? clock.hlc;
    stamped.push({
      ...revision,
      hlc,
      stamps: revision.stamps ?? stampsAfter(undefined, 'all', hlc),
    });
    rows.push({
      mutationId: clock.nextMutationId,
      entryId: revision.entryId,
      revId: revision.revId,
      queuedAt: now.toISOString(),
    });
    clock.nextMutationId += 1;
  }
  await Promise.all([
    db.revisions.bulkAdd(stamped),
    db.outbox.bulkAdd(rows),
    writeSyncClock(db.kv, clock),
  ]);
}
