import type { Memory, MemoryLibraryDb, Revision } from '../db/database.ts';
import { loadPurgedEntries } from '../db/purged.ts';
import { indexMemory, searchableText, unindexMemory } from '../db/search-index.ts';
import { memoryFromView, viewOfRevisions } from './entry-view.ts';

/**
 * Pulled revisions into Dexie as a local save writes them (SYNC-14): new revisions by revId
 * (known ones, duplicates and those of memories deleted forever here are ignored), then each touched entry's memory row, search index
 * and librarian queue from the view of all its revisions. Call inside a rw transaction over
 * `writeTables(db)`. Returns the memories whose rows changed, and which of them are new.
 */
export async function applyPulledRevisions(
  db: MemoryLibraryDb,
  pulled: readonly Revision[],
  now: Date,
): Promise<{ changed: Memory[]; created: Memory[] }> {
  const purged = await loadPurgedEntries(db);
  const known = new Set(
    (await db.revisions.bulkGet(pulled.map((revision) => revision.revId))).flatMap((row) =>
      row ? [row.revId] : [],
    ),
  );
  const fresh = new Map<string, Revision>();
  for (const revision of pulled) {
    if (!known.has(revision.revId) && !purged.has(revision.entryId)) {
      fresh.set(revision.revId, revision);
    }
  }
  if (fresh.size === 0) return { changed: [], created: [] };
  await db.revisions.bulkAdd([...fresh.values()]);
  const changed: Memory[] = [];
  const created: Memory[] = [];
  const entryIds = [...new Set([...fresh.values()].map((revision) => revision.entryId))].sort();
  for (const entryId of entryIds) {
    const [revisions, existing] = await Promise.all([
      db.revisions.where('entryId').equals(entryId).toArray(),
      db.memories.get(entryId),
    ]);
    const memory = memoryFromView(viewOfRevisions(entryId, revisions), revisions, existing);
    await writeMemory(db, memory, existing, now);
    changed.push(memory);
    if (!existing) created.push(memory);
  }
  return { changed, created };
}

async function writeMemory(
  db: MemoryLibraryDb,
  memory: Memory,
  existing: Memory | undefined,
  now: Date,
): Promise<void> {
  const writes: Promise<unknown>[] = [db.memories.put(memory)];
  if (memory.deletedAt !== null) {
    if (existing && existing.deletedAt === null) writes.push(unindexMemory(db, memory.id));
  } else if (
    !existing ||
    existing.deletedAt !== null ||
    searchableText(existing) !== searchableText(memory) ||
    existing.writtenAtMs !== memory.writtenAtMs
  ) {
    writes.push(indexMemory(db, memory));
  }
  const isWaiting =
    memory.librarianStatus === 'queued' && !memory.isPrivate && memory.deletedAt === null;
  if (!isWaiting) {
    writes.push(db.librarianQueue.where('entryId').equals(memory.id).delete());
  } else if ((await db.librarianQueue.where('entryId').equals(memory.id).count()) === 0) {
    writes.push(db.librarianQueue.add({ entryId: memory.id, queuedAt: now.toISOString() }));
  }
  await Promise.all(writes);
}
