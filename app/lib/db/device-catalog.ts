import type { LibrarianCatalog } from '#shared/librarian';
import { callNumberOnShelf, readShelf } from './call-numbers.ts';
import type { CatalogCard, Memory, MemoryLibraryDb } from './database.ts';
import { linkMentions } from './graph.ts';
import { writeTables } from './memories.ts';
import { indexMemory } from './search-index.ts';

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
  const tables = [...new Set([...writeTables(db), db.shelves, db.mentions])];
  return db.transaction('rw', tables, async () => {
    // Asked together: each await in a transaction is a round trip to the browser's storage.
    const shelfRead = readShelf(db, card.hall, card.shelf);
    const memory = await db.memories.get(id);
    if (!memory || memory.deletedAt !== null || memory.catalog?.source === 'librarian') {
      return undefined;
    }
    const callNumber = await callNumberOnShelf(
      db,
      memory.catalog,
      card.hall,
      card.shelf,
      shelfRead,
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
      db.memories.put(updated),
      indexMemory(db, updated),
      linkMentions(db, updated),
    ]);
    return updated;
  });
}
