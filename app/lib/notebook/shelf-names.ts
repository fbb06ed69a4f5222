import { shelfSlug } from '#shared/call-number';
import { HALLS } from '#shared/hall-data';
import type { Memory } from '../db/database.ts';
import type { Placement } from './shelf-marks.ts';

/** Every shelf in use, hall by hall in the halls' order, each once (shelves match by slug). */
export function shelvesInUse(memories: readonly Memory[]): Placement[] {
  const seen = new Map<string, Placement>();
  for (const memory of memories) {
    const card = memory.catalog;
    if (!card) continue;
    const id = `${card.hall}/${shelfSlug(card.shelf)}`;
    if (!seen.has(id)) seen.set(id, { hall: card.hall, shelf: card.shelf });
  }
  const order = HALLS.map((hall) => hall.id);
  return [...seen.values()].sort(
    (a, b) => order.indexOf(a.hall) - order.indexOf(b.hall) || a.shelf.localeCompare(b.shelf),
  );
}
