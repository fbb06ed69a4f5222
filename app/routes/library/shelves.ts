import { shelfSlug, parseCallNumber } from '#shared/call-number';
import { HALLS, type Hall, type HallId } from '#shared/hall-data';
import type { Memory } from '$lib/db/database';

export interface ShelfView {
  id: string;
  name: string;
  memories: Memory[];
}

export interface HallView {
  hall: Hall;
  count: number;
  shelves: ShelfView[];
}

/**
 * The ten halls with their shelves and the catalogued memories on each, in call-number order.
 * Shelves with more memories come first; a shelf is named as the librarian first named it.
 */
export function arrangeLibrary(memories: readonly Memory[]): HallView[] {
  const byHall = new Map<HallId, Map<string, ShelfView>>();
  for (const memory of memories) {
    const card = memory.catalog;
    if (!card) continue;
    const shelves = byHall.get(card.hall) ?? new Map<string, ShelfView>();
    byHall.set(card.hall, shelves);
    const id = `${card.hall}/${shelfSlug(card.shelf)}`;
    const shelf = shelves.get(id) ?? { id, name: card.shelf, memories: [] };
    shelves.set(id, shelf);
    shelf.memories.push(memory);
  }
  return HALLS.map((hall) => {
    const shelves = [...(byHall.get(hall.id)?.values() ?? [])];
    for (const shelf of shelves) {
      shelf.memories.sort((a, b) => sequenceOf(a) - sequenceOf(b));
      shelf.name = shelf.memories[0]?.catalog?.shelf ?? shelf.name;
    }
    shelves.sort((a, b) => b.memories.length - a.memories.length || a.name.localeCompare(b.name));
    return { hall, count: shelves.reduce((sum, shelf) => sum + shelf.memories.length, 0), shelves };
  });
}

function sequenceOf(memory: Memory): number {
  const callNumber = memory.catalog?.callNumber;
  return (
    (callNumber ? parseCallNumber(callNumber)?.sequence : undefined) ?? Number.MAX_SAFE_INTEGER
  );
}
