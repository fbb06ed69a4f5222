import type { Memory, MemoryLibraryDb } from './database.ts';
import { ensureLocalDeviceId } from './device-id.ts';
import { linkMentions, unlinkMentions } from './graph.ts';
import { newId } from './ids.ts';
import { writeTables } from './memories.ts';
import { rememberPurged } from './purged.ts';
import { indexMemory, unindexMemory } from './search-index.ts';
import { addQueuedRevision } from './sync-outbox.ts';

/** How long a memory stays restorable in the Trash. */
export const TRASH_DAYS = 30;
const TRASH_MS = TRASH_DAYS * 24 * 3600_000;

/** A save's tables and the memory graph, which the Trash also changes. */
function graphWriteTables(db: MemoryLibraryDb) {
  return [...writeTables(db), db.mentions];
}

/**
 * Move a memory to the Trash: it leaves the timeline, the search index, the memory graph and the
 * librarian queue, and keeps all its revisions until it is purged.
 */
export async function moveToTrash(db: MemoryLibraryDb, id: string, now: Date): Promise<Memory> {
  return db.transaction('rw', graphWriteTables(db), async () => {
    const memory = await db.memories.get(id);
    if (!memory) throw new Error(`no memory ${id}`);
    if (memory.deletedAt) return memory;
    const trashed: Memory = {
      ...(await reviseDeleted(db, memory, true, now)),
      deletedAt: now.toISOString(),
      deletedAtMs: now.getTime(),
    };
    await Promise.all([
      db.memories.put(trashed),
      unindexMemory(db, id),
      unlinkMentions(db, id),
      db.librarianQueue.where('entryId').equals(id).delete(),
    ]);
    return trashed;
  });
}

/** Take a memory out of the Trash, back into the timeline, search and (if waiting) the queue. */
export async function restoreFromTrash(
  db: MemoryLibraryDb,
  id: string,
  now: Date,
): Promise<Memory> {
  return db.transaction('rw', graphWriteTables(db), async () => {
    const memory = await db.memories.get(id);
    if (!memory) throw new Error(`no memory ${id}`);
    const { deletedAtMs: _gone, ...rest } = await reviseDeleted(db, memory, false, now);
    const restored: Memory = { ...rest, deletedAt: null };
    const writes: Promise<unknown>[] = [
      db.memories.put(restored),
      indexMemory(db, restored),
      linkMentions(db, restored),
    ];
    if (restored.librarianStatus === 'queued' && !restored.isPrivate) {
      writes.push(db.librarianQueue.add({ entryId: id, queuedAt: now.toISOString() }));
    }
    await Promise.all(writes);
    return restored;
  });
}

/**
 * Moving to and from the Trash is a revision too, so other devices follow (SYNC-13): the same
 * words, `deleted` stamped anew, on top of every head (a delete never hides a conflict).
 */
async function reviseDeleted(
  db: MemoryLibraryDb,
  memory: Memory,
  isDeleted: boolean,
  now: Date,
): Promise<Memory> {
  const [parent = memory.headRevId, ...others] = memory.headRevIds ?? [memory.headRevId];
  const base = memory.stamps ?? (await db.revisions.get(memory.headRevId))?.stamps;
  const revision = await addQueuedRevision(
    db,
    {
      revId: newId(),
      entryId: memory.id,
      parentRevId: parent,
      ...(others.length > 0 ? { mergedRevIds: others } : {}),
      deviceId: await ensureLocalDeviceId(db.kv),
      text: memory.text,
      writtenAt: memory.writtenAt,
      mood: memory.mood,
      tags: memory.tags,
      isPrivate: memory.isPrivate,
      ...(isDeleted ? { isDeleted } : {}),
      createdAt: now.toISOString(),
      createdAtMs: now.getTime(),
      reason: 'edit',
    },
    ['deleted'],
    base,
    now,
  );
  const { headRevIds: _heads, hasConflict: _conflict, isDeleteOverridden: _kept, ...rest } = memory;
  return { ...rest, headRevId: revision.revId, stamps: revision.stamps };
}

/** The Trash, most recently deleted first. */
export async function listTrash(db: MemoryLibraryDb): Promise<Memory[]> {
  const memories = await db.memories.where('deletedAtMs').above(0).toArray();
  return memories.sort((a, b) => (b.deletedAtMs ?? 0) - (a.deletedAtMs ?? 0));
}

/** Remove a memory and its whole history for good (from the Trash only). */
export async function deleteForever(db: MemoryLibraryDb, id: string): Promise<void> {
  await db.transaction('rw', graphWriteTables(db), async () => {
    const memory = await db.memories.get(id);
    if (!memory?.deletedAt) return;
    await Promise.all([
      db.memories.delete(id),
      db.revisions.where('entryId').equals(id).delete(),
      unindexMemory(db, id),
      unlinkMentions(db, id),
      db.librarianQueue.where('entryId').equals(id).delete(),
      rememberPurged(db, id),
    ]);
  });
}

/** Purge memories that have been in the Trash for more than 30 days. Returns how many. */
export async function purgeTrash(db: MemoryLibraryDb, now: Date): Promise<number> {
  const expired = await db.memories
    .where('deletedAtMs')
    .below(now.getTime() - TRASH_MS)
    .primaryKeys();
  for (const id of expired) await deleteForever(db, id);
  return expired.length;
}

/** When a memory in the Trash will be purged. */
export function purgeDate(memory: Memory): Date {
  return new Date((memory.deletedAtMs ?? 0) + TRASH_MS);
}
