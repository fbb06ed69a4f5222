import type { Transaction } from 'dexie';
import { tick } from '#shared/sync/hlc';
import type { Memory, MemoryLibraryDb, Revision } from './database.ts';
import { ensureLocalDeviceId } from './device-id.ts';
import { newId } from './ids.ts';
import { readSyncClock, stampsAfter, writeSyncClock } from './sync-outbox.ts';
import type { OutboxRow, StampedField } from './sync-tables.ts';

/**
 * Version 2 → 3 (sync): every revision written before sync existed gets an HLC (in the order it
 * was made, so a child sorts after its parent) and field stamps, and is queued for the server;
 * a memory in the Trash gets a "deleted" revision, so other devices see it deleted too. Runs
 * inside the version-change transaction: all of it or none of it.
 */
export async function upgradeToVersion3(tx: Transaction): Promise<void> {
  const kv = tx.table('kv') as MemoryLibraryDb['kv'];
  const deviceId = await ensureLocalDeviceId(kv);
  const clock = await readSyncClock(kv, deviceId);
  const revisions = ((await tx.table('revisions').toArray()) as Revision[]).sort(
    (a, b) => a.createdAtMs - b.createdAtMs,
  );
  const memories = (await tx.table('memories').toArray()) as Memory[];
  const byId = new Map<string, Revision>();
  const rows: OutboxRow[] = [];
  const queue = (revision: Revision, now: number) => {
    if (!revision.hlc) {
      clock.hlc = tick(clock.hlc, now);
      const parent = revision.parentRevId ? byId.get(revision.parentRevId) : undefined;
      const changed = parent ? changedFields(parent, revision) : 'all';
      revision.hlc = clock.hlc;
      revision.stamps = stampsAfter(parent?.stamps, changed, clock.hlc);
    }
    byId.set(revision.revId, revision);
    rows.push({
      mutationId: clock.nextMutationId,
      entryId: revision.entryId,
      revId: revision.revId,
      queuedAt: new Date(now).toISOString(),
    });
    clock.nextMutationId += 1;
  };
  for (const revision of revisions) queue(revision, revision.createdAtMs);
  const now = Date.now();
  for (const memory of memories) {
    const head = byId.get(memory.headRevId);
    if (!head) continue;
    let stamps = head.stamps;
    if (memory.deletedAt !== null) {
      const deletion: Revision = {
        ...head,
        revId: newId(),
        parentRevId: head.revId,
        deviceId,
        isDeleted: true,
        createdAt: new Date(now).toISOString(),
        createdAtMs: now,
        reason: 'edit',
      };
      delete deletion.hlc;
      delete deletion.restoredFrom;
      clock.hlc = tick(clock.hlc, now);
      deletion.hlc = clock.hlc;
      deletion.stamps = stampsAfter(head.stamps, ['deleted'], clock.hlc);
      revisions.push(deletion);
      queue(deletion, now);
      memory.headRevId = deletion.revId;
      stamps = deletion.stamps;
    }
    if (stamps) memory.stamps = stamps;
  }
  await Promise.all([
    tx.table('revisions').bulkPut(revisions),
    tx.table('memories').bulkPut(memories),
    tx.table('outbox').bulkAdd(rows),
    writeSyncClock(kv, clock),
  ]);
}

function changedFields(parent: Revision, child: Revision): StampedField[] {
  const changed: StampedField[] = [];
  if (parent.mood !== child.mood) changed.push('mood');
  if (parent.tags.join('\u0000') !== child.tags.join('\u0000')) changed.push('tags');
  if (parent.isPrivate !== child.isPrivate) changed.push('private');
  if (parent.writtenAt !== child.writtenAt) changed.push('writtenAt');
  if (Boolean(parent.isDeleted) !== Boolean(child.isDeleted)) changed.push('deleted');
  return changed;
}
