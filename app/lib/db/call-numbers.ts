import { formatCallNumber, shelfSlug } from '#shared/call-number';
import type { HallId } from '#shared/hall-data';
import type { CatalogCard, MemoryLibraryDb, Shelf } from './database.ts';

/** The shelf's row, read in the caller's transaction (to pass to callNumberOnShelf). */
export function readShelf(
  db: MemoryLibraryDb,
  hall: HallId,
  shelf: string,
): Promise<Shelf | undefined> {
  return db.shelves.get(`${hall}/${shelfSlug(shelf)}`);
}

/**
 * The call number a memory gets on a shelf: its old one when it stays on the same shelf, else
 * the next on that shelf, recorded so it is never given twice. Both the device's guess and the
 * AI librarian's card come here. Call inside a rw transaction over `shelves`; a caller that
 * already asked for the shelf's row (readShelf) passes that read instead of waiting for another.
 */
export async function callNumberOnShelf(
  db: MemoryLibraryDb,
  previous: CatalogCard | null,
  hall: HallId,
  shelf: string,
  shelfRead?: Promise<Shelf | undefined>,
): Promise<string> {
  const slug = shelfSlug(shelf);
  if (previous !== null && previous.hall === hall && shelfSlug(previous.shelf) === slug) {
    return previous.callNumber;
  }
  const shelfId = `${hall}/${slug}`;
  const row = await (shelfRead ?? db.shelves.get(shelfId));
  const sequence = (row?.lastSequence ?? 0) + 1;
  await db.shelves.put({
    id: shelfId,
    hall,
    slug,
    name: row?.name ?? shelf,
    lastSequence: sequence,
  });
  return formatCallNumber(hall, shelf, sequence);
}
