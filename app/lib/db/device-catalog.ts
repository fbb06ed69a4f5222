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

/** The tables a device card's write touches (a caller's transaction must include them all). */
export function deviceCardTables(db: MemoryLibraryDb) {
  return [db.memories, db.searchDocs, db.kv, db.shelves, db.mentions];
}

/** What writing a device card on memory `id` reads, whatever the card: ask for it early. */
export function readForDeviceCard(db: MemoryLibraryDb, id: string) {
  return Promise.all([db.memories.get(id), readIndexRow(db, id), readMentionKeys(db, id)]);
}

/**
 * Store the device's card on a memory with a provisional call number, given what
 * readForDeviceCard asked for in the same rw transaction (over deviceCardTables). A memory the
 * AI librarian has already catalogued (its reply raced ahead) or that is in the Trash is left as
 * it is.
 */
export async function writeDeviceCard(
  db: MemoryLibraryDb,
  card: LibrarianCatalog,
  now: Date,
  reads: ReturnType<typeof readForDeviceCard>,
): Promise<Memory | undefined> {
  // Each await in a transaction is a round trip to the browser's storage: the shelf's row is
  // asked for with whatever is still on its way, and then every write goes out together.
  const [[memory, indexRead, mentionKeys], shelfRow] = await Promise.all([
    reads,
    readShelf(db, card.hall, card.shelf),
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
}

/** Store the device's card on a memory (writeDeviceCard), in a transaction of its own. */
export function attachDeviceCard(
  db: MemoryLibraryDb,
  id: string,
  card: LibrarianCatalog,
  now: Date,
): Promise<Memory | undefined> {
  return db.transaction('rw', deviceCardTables(db), () =>
    writeDeviceCard(db, card, now, readForDeviceCard(db, id)),
  );
}
