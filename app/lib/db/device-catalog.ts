import type { LibrarianCatalog } from '#shared/librarian';
import { readShelf, takeCallNumber } from './call-numbers.ts';
import type { CatalogCard, Memory, MemoryLibraryDb } from './database.ts';
import { linkMentions, readMentionKeys } from './graph.ts';
import { indexMemory, readIndexRow } from './search-index.ts';

/**
 * The on-device librarian's card on a memory. `catalog` shows it until the AI librarian's card
 * replaces it; `deviceCatalog` keeps it for good (to compare guesses with the AI's later).
 */
export type MemoryWithDeviceCard = Memory & { deviceCatalog?: CatalogCard | null };

/** The device's guess for this memory, if it made one (kept after the AI's card arrived). */
export function deviceCardOf(memory: Memory): CatalogCard | null {
  return (memory as MemoryWithDeviceCard).deviceCatalog ?? null;
}

/**
 * Store the device's card on a memory with a provisional call number. A memory the AI librarian
 * has already catalogued (its reply raced ahead) or that is in the Trash is left as it is.
 */
export async function attachDeviceCard(
  db: MemoryLibraryDb,
  id: string,
  card: LibrarianCatalog,
  now: Date,
): Promise<Memory | undefined> {
  const tables = [db.memories, db.searchDocs, db.kv, db.shelves, db.mentions];
  return db.transaction('rw', tables, async () => {
    // Everything the write depends on is asked for at once, and then every write: each await in
    // a transaction is a round trip to the browser's storage.
    const [memory, shelfRow, indexRead, mentionKeys] = await Promise.all([
      db.memories.get(id),
      readShelf(db, card.hall, card.shelf),
      readIndexRow(db, id),
      readMentionKeys(db, id),
    ]);
    if (!memory || memory.deletedAt !== null || memory.catalog?.source === 'librarian') {
      return undefined;
    }
    const { callNumber, shelfRow: taken } = takeCallNumber(
      memory.catalog,
      card.hall,
      card.shelf,
      shelfRow,
    );
    const deviceCard: CatalogCard = {
      ...card,
      callNumber,
      source: 'device',
      catalogedAt: now.toISOString(),
    };
    const updated: MemoryWithDeviceCard = {
      ...memory,
      catalog: deviceCard,
      deviceCatalog: deviceCard,
    };
    // The card's shelf, call number, people and places are searchable at once, and in the graph.
    await Promise.all([
      taken && db.shelves.put(taken),
      db.memories.put(updated),
      indexMemory(db, updated, indexRead),
      linkMentions(db, updated, mentionKeys),
    ]);
    return updated;
  });
}
