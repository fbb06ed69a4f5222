import { formatCallNumber, shelfSlug } from '#shared/call-number';
import { detectLanguage } from '#shared/detect-language';
import type { CatalogResult } from '#shared/librarian';
import { toLocalIsoString } from '#shared/local-time';
import type { CatalogCard, Memory, MemoryLibraryDb } from './database.ts';
import { newId } from './ids.ts';

export interface NewMemory {
  text: string;
  /** ISO 8601 with offset; defaults to `now` in the device's time zone. */
  writtenAt?: string;
}

/** Thrown for input no caller should pass (the UI checks first): an empty memory, a bad date. */
export class InvalidMemoryError extends Error {
  override name = 'InvalidMemoryError';
}

export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/**
 * Save a new memory: the memory and its librarian-queue item are written in one transaction, so
 * when this resolves both are on disk, and if it fails neither is.
 */
export async function saveMemory(
  db: MemoryLibraryDb,
  input: NewMemory,
  now: Date,
): Promise<Memory> {
  if (isBlank(input.text)) throw new InvalidMemoryError('a memory needs some text');
  const writtenAt = input.writtenAt ?? toLocalIsoString(now);
  const writtenAtMs = Date.parse(writtenAt);
  if (Number.isNaN(writtenAtMs)) throw new InvalidMemoryError(`invalid writtenAt: ${writtenAt}`);

  const memory: Memory = {
    id: newId(),
    text: input.text,
    lang: detectLanguage(input.text),
    writtenAt,
    writtenAtMs,
    createdAt: now.toISOString(),
    librarianStatus: 'queued',
    catalog: null,
    reply: null,
    reasoning: null,
    usage: null,
    model: null,
    promptVersion: null,
    librarianError: null,
  };
  await db.transaction('rw', db.memories, db.librarianQueue, async () => {
    await db.memories.add(memory);
    await db.librarianQueue.add({ entryId: memory.id, queuedAt: memory.createdAt });
  });
  return memory;
}

/** Every memory, newest first (by when it was written). */
export async function listMemories(db: MemoryLibraryDb): Promise<Memory[]> {
  return db.memories.orderBy('writtenAtMs').reverse().toArray();
}

export async function getMemory(db: MemoryLibraryDb, id: string): Promise<Memory | undefined> {
  return db.memories.get(id);
}

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
  return db.transaction('rw', db.memories, db.librarianQueue, db.shelves, async () => {
    await db.librarianQueue.where('entryId').equals(id).delete();
    const memory = await db.memories.get(id);
    if (!memory) return undefined;

    let catalog: CatalogCard | null = null;
    if (result.catalog) {
      const { hall, shelf } = result.catalog;
      const slug = shelfSlug(shelf);
      const previous = memory.catalog;
      const staysOnShelf =
        previous !== null && previous.hall === hall && shelfSlug(previous.shelf) === slug;
      let callNumber: string;
      if (staysOnShelf) {
        callNumber = previous.callNumber;
      } else {
        const shelfId = `${hall}/${slug}`;
        const row = await db.shelves.get(shelfId);
        const sequence = (row?.lastSequence ?? 0) + 1;
        await db.shelves.put({
          id: shelfId,
          hall,
          slug,
          name: row?.name ?? shelf,
          lastSequence: sequence,
        });
        callNumber = formatCallNumber(hall, shelf, sequence);
      }
      catalog = {
        ...result.catalog,
        callNumber,
        source: 'librarian',
        catalogedAt: now.toISOString(),
      };
    }

    const updated: Memory = {
      ...memory,
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

/** The memory the librarian should read next, or undefined when the queue is empty. */
export async function nextQueued(db: MemoryLibraryDb): Promise<string | undefined> {
  return (await db.librarianQueue.orderBy('seq').first())?.entryId;
}

/** Drop a queue item whose memory is gone (nothing to catalogue). */
export async function dropQueued(db: MemoryLibraryDb, id: string): Promise<void> {
  await db.librarianQueue.where('entryId').equals(id).delete();
}
