import { parseCallNumber, shelfSlug } from '#shared/call-number';
import type { HallId } from '#shared/hall-data';
import { callNumberOnShelf } from '../db/call-numbers.ts';
import type { Memory, MemoryLibraryDb } from '../db/database.ts';
import type { Correction } from '../db/notebook-tables.ts';
import { indexMemory } from '../db/search-index.ts';
import type { Placement, ShelvedMemory } from './shelf-marks.ts';

/**
 * The person's corrections: move one memory to another shelf, rename a shelf, merge one shelf
 * into another. Each gives the memories new call numbers from call-numbers.ts (the old ones stay
 * in `formerCallNumbers`, never given again), marks the shelf as the person's choice, and records
 * a correction for the digest — all in one transaction.
 */

export class InvalidShelfError extends Error {}

const tablesOf = (db: MemoryLibraryDb) => [
  db.memories,
  db.shelves,
  db.corrections,
  db.searchDocs,
  db.kv,
];

/** Move one memory; returns it updated (unchanged when it already sits on that shelf). */
export async function moveMemory(
  db: MemoryLibraryDb,
  id: string,
  to: Placement,
  now: Date,
): Promise<Memory> {
  const shelf = cleanShelf(to.shelf);
  return db.transaction('rw', tablesOf(db), async () => {
    const memory = await db.memories.get(id);
    const card = memory?.catalog;
    if (!memory || !card) throw new InvalidShelfError('the memory has no shelf yet');
    if (card.hall === to.hall && shelfSlug(card.shelf) === shelfSlug(shelf)) return memory;
    const moved = await reshelve(db, memory, { hall: to.hall, shelf }, now);
    await db.corrections.add({
      kind: 'move',
      entryId: id,
      title: card.title,
      from: { hall: card.hall, shelf: card.shelf },
      to: { hall: to.hall, shelf },
      fromCallNumber: card.callNumber,
      toCallNumber: moved.catalog?.callNumber ?? null,
      at: now.toISOString(),
    } satisfies Correction);
    return moved;
  });
}

/**
 * Rename a shelf (same hall, new name) or merge it into another shelf (`to` an existing one): every
 * memory on it, in call-number order, gets the next numbers on the target shelf. Returns them
 * (none when a rename gives the name it already has).
 */
export async function reshelveShelf(
  db: MemoryLibraryDb,
  kind: 'rename-shelf' | 'merge-shelves',
  from: Placement,
  to: Placement,
  now: Date,
): Promise<Memory[]> {
  const target = { hall: to.hall, shelf: cleanShelf(to.shelf) };
  const fromSlug = shelfSlug(from.shelf);
  const isSameShelf = from.hall === target.hall && fromSlug === shelfSlug(target.shelf);
  if (kind === 'merge-shelves' && isSameShelf) {
    throw new InvalidShelfError('a shelf cannot be merged into itself');
  }
  return db.transaction('rw', tablesOf(db), async () => {
    const onShelf = await db.memories
      .filter((memory) => isOn(memory, from.hall, fromSlug))
      .toArray();
    if (onShelf.length === 0) throw new InvalidShelfError('the shelf is empty');
    // The same name again changes nothing, so there is nothing to tell the librarian.
    if (onShelf.every((memory) => memory.catalog?.shelf === target.shelf && isSameShelf)) return [];
    onShelf.sort((a, b) => sequenceOf(a) - sequenceOf(b));
    const moved: Memory[] = [];
    // A new name with the same slug ("lin" → "Lin") keeps every number; only the name changes.
    for (const memory of onShelf) moved.push(await reshelve(db, memory, target, now));
    if (isSameShelf) {
      const row = await db.shelves.get(`${from.hall}/${fromSlug}`);
      if (row) await db.shelves.put({ ...row, name: target.shelf });
    }
    await db.corrections.add({
      kind,
      entryId: null,
      title: null,
      from: { hall: from.hall, shelf: onShelf[0]?.catalog?.shelf ?? from.shelf },
      to: target,
      fromCallNumber: null,
      toCallNumber: null,
      at: now.toISOString(),
    } satisfies Correction);
    return moved;
  });
}

/** A memory's corrections (moves), newest first: its card shows where it was before. */
export async function correctionsFor(db: MemoryLibraryDb, entryId: string): Promise<Correction[]> {
  const rows = await db.corrections.where('entryId').equals(entryId).toArray();
  return rows.sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
}

async function reshelve(
  db: MemoryLibraryDb,
  memory: Memory,
  to: Placement,
  now: Date,
): Promise<Memory> {
  const card = memory.catalog!;
  const callNumber = await callNumberOnShelf(db, card, to.hall, to.shelf);
  const previous = memory as ShelvedMemory;
  const formerCallNumbers =
    callNumber === card.callNumber
      ? (previous.formerCallNumbers ?? [])
      : [...(previous.formerCallNumbers ?? []), card.callNumber];
  const updated: ShelvedMemory = {
    ...memory,
    catalog: { ...card, hall: to.hall, shelf: to.shelf, callNumber },
    personShelf: { hall: to.hall, shelf: to.shelf, at: now.toISOString() },
    formerCallNumbers,
  };
  await db.memories.put(updated);
  // The shelf and call number are searchable.
  if (updated.deletedAt === null) await indexMemory(db, updated);
  return updated;
}

function isOn(memory: Memory, hall: HallId, slug: string): boolean {
  const card = memory.catalog;
  return card !== null && card.hall === hall && shelfSlug(card.shelf) === slug;
}

function sequenceOf(memory: Memory): number {
  const parsed = memory.catalog ? parseCallNumber(memory.catalog.callNumber) : null;
  return parsed?.sequence ?? Number.MAX_SAFE_INTEGER;
}

function cleanShelf(shelf: string): string {
  const name = shelf.trim().replace(/\s+/gu, ' ');
  if (name.length === 0 || name.length > 40) {
    throw new InvalidShelfError('a shelf name is 1–40 characters');
  }
  return name;
}

/** The latest corrections, newest first (the librarian page lists them). */
export function listCorrections(db: MemoryLibraryDb, limit: number): Promise<Correction[]> {
  return db.corrections.orderBy('seq').reverse().limit(limit).toArray();
}
