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

const staysOn = (previous: CatalogCard | null, hall: HallId, shelf: string) =>
  previous !== null && previous.hall === hall && shelfSlug(previous.shelf) === shelfSlug(shelf);

/**
 * The call number a memory gets on a shelf whose row is `row` (readShelf): its old one when it
 * stays on the same shelf, else the next on that shelf, with the shelf's row to put so that
 * number is never given twice.
 */
export function takeCallNumber(
  previous: CatalogCard | null,
  hall: HallId,
  shelf: string,
  row: Shelf | undefined,
): { callNumber: string; shelfRow?: Shelf } {
  if (staysOn(previous, hall, shelf)) return { callNumber: previous!.callNumber };
  const slug = shelfSlug(shelf);
  const sequence = (row?.lastSequence ?? 0) + 1;
  return {
    callNumber: formatCallNumber(hall, shelf, sequence),
    shelfRow: {
      id: `${hall}/${slug}`,
      hall,
      slug,
      name: row?.name ?? shelf,
      lastSequence: sequence,
    },
  };
}

/**
 * The call number a memory gets on a shelf (takeCallNumber), recorded on the shelf. Both the
 * device's guess and the AI librarian's card come here. Call inside a rw transaction over
 * `shelves`.
 */
export async function callNumberOnShelf(
  db: MemoryLibraryDb,
  previous: CatalogCard | null,
  hall: HallId,
  shelf: string,
): Promise<string> {
  const row = staysOn(previous, hall, shelf) ? undefined : await readShelf(db, hall, shelf);
  const { callNumber, shelfRow } = takeCallNumber(previous, hall, shelf, row);
  if (shelfRow) await db.shelves.put(shelfRow);
  return callNumber;
}
