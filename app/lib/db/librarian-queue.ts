import type { CatalogResult } from '#shared/librarian';
import { callNumberOnShelf } from './call-numbers.ts';
import type { CatalogCard, Memory, MemoryLibraryDb } from './database.ts';
import { linkMentions } from './graph.ts';
import { indexMemory } from './search-index.ts';
import { personShelfOf, type ShelvedMemory } from '../notebook/shelf-marks.ts';

/**
 * The librarian queue: memories waiting for the AI librarian, in saving order. Private memories
 * and memories in the Trash are never handed out, whatever put them here.
 */

/** The ids waiting for the AI librarian, oldest first. */
export async function listQueued(db: MemoryLibraryDb): Promise<string[]> {
  const items = await db.librarianQueue.orderBy('seq').toArray();
  return items.map((item) => item.entryId);
}

/**
 * Store what the AI librarian made of a memory and take it off the queue. The card gets the next
 * call number on its shelf in this library (a memory that stays on the same shelf keeps its number).
 * Returns the updated memory, or undefined if the memory no longer exists.
 */
export async function attachLibrarianResult(
  db: MemoryLibraryDb,
  id: string,
  result: CatalogResult,
  now: Date,
): Promise<Memory | undefined> {
  const tables = [db.memories, db.librarianQueue, db.shelves, db.searchDocs, db.kv, db.mentions];
  return db.transaction('rw', tables, async () => {
    await db.librarianQueue.where('entryId').equals(id).delete();
    const memory = await db.memories.get(id);
    if (!memory) return undefined;

    let catalog: CatalogCard | null = null;
    const personShelf = personShelfOf(memory);
    if (result.catalog && personShelf && memory.catalog) {
      // The person moved this memory (or renamed or merged its shelf): their choice wins. The AI's
      // card brings its title, emotions and the rest, but the memory stays where the person put
      // it, under the same call number; the AI's own placement is only noted, for the statistics.
      const { hall, shelf, callNumber } = memory.catalog;
      catalog = {
        ...result.catalog,
        hall,
        shelf,
        callNumber,
        source: 'librarian',
        catalogedAt: now.toISOString(),
      };
    } else if (result.catalog) {
      const { hall, shelf } = result.catalog;
      const callNumber = await callNumberOnShelf(db, memory.catalog, hall, shelf);
      catalog = {
        ...result.catalog,
        callNumber,
        source: 'librarian',
        catalogedAt: now.toISOString(),
      };
    }
    const updated: ShelvedMemory = {
      ...memory,
      ...(result.catalog
        ? {
            aiPlacement: {
              hall: result.catalog.hall,
              shelf: result.catalog.shelf,
              at: now.toISOString(),
            },
          }
        : {}),

      librarianStatus: 'catalogued',
      // A reply without a valid card keeps whatever card the memory had.
      catalog: catalog ?? memory.catalog,
      reply: result.reply,
      reasoning: result.reasoning,
      usage: result.usage,
      model: result.model,
      promptVersion: result.promptVersion,
      librarianError: null,
    };
    await db.memories.put(updated);
    // The card's title, people and places are searchable too, and its people, places and
    // themes join the memory graph.
    if (updated.deletedAt === null && updated.catalog !== memory.catalog) {
      await Promise.all([indexMemory(db, updated), linkMentions(db, updated)]);
    }
    return updated;
  });
}

/** The librarian refused this memory for good: keep it, take it off the queue, remember why. */
export async function markLibrarianFailed(
  db: MemoryLibraryDb,
  id: string,
  error: { code: string; message: string },
): Promise<Memory | undefined> {
  return db.transaction('rw', db.memories, db.librarianQueue, async () => {
    await db.librarianQueue.where('entryId').equals(id).delete();
    const memory = await db.memories.get(id);
    if (!memory) return undefined;
    const updated: Memory = { ...memory, librarianStatus: 'failed', librarianError: error };
    await db.memories.put(updated);
    return updated;
  });
}

/**
 * The memory the librarian should read next, or undefined when the queue is empty. A queued
 * memory that is private, in the Trash or gone is taken off the queue here, so it is never sent.
 */
export async function nextQueued(db: MemoryLibraryDb): Promise<string | undefined> {
  return (await nextQueuedBatch(db, 1))[0];
}

/**
 * Up to `limit` memories waiting for the AI librarian, oldest first. Items the librarian may not
 * read (private, in the Trash, gone) are taken off the queue on the way.
 */
export async function nextQueuedBatch(db: MemoryLibraryDb, limit: number): Promise<string[]> {
  return db.transaction('rw', db.librarianQueue, db.memories, async () => {
    const ids: string[] = [];
    let after = 0;
    while (ids.length < limit) {
      const items = await db.librarianQueue
        .where('seq')
        .above(after)
        .limit(limit - ids.length)
        .toArray();
      if (items.length === 0) break;
      const memories = await db.memories.bulkGet(items.map((item) => item.entryId));
      for (const [index, item] of items.entries()) {
        after = item.seq!;
        const memory = memories[index];
        if (memory && isSendable(memory)) ids.push(item.entryId);
        else await db.librarianQueue.delete(item.seq!);
      }
    }
    return ids;
  });
}

/** Whether the AI librarian may read this memory: never when private or in the Trash. */
export function isSendable(memory: Memory): boolean {
  return !memory.isPrivate && memory.deletedAt === null;
}

/** Drop a queue item whose memory is gone (nothing to catalogue). */
export async function dropQueued(db: MemoryLibraryDb, id: string): Promise<void> {
  await db.librarianQueue.where('entryId').equals(id).delete();
}
