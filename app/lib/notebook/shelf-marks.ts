import type { HallId } from '#shared/hall-data';
import type { Memory } from '../db/database.ts';

/** A hall and shelf, as a placement is compared (shelves by slug). */
export interface Placement {
  hall: HallId;
  shelf: string;
}

/**
 * What the notebook feature keeps on a memory row besides the card (as `deviceCatalog` does for
 * the device's guess; optional, so older rows need no upgrade):
 * - `personShelf`: the person put it on this shelf (moved it, or renamed or merged its shelf).
 *   Their choice wins over any later reply of the AI librarian.
 * - `aiPlacement`: where the AI librarian itself would have shelved it, kept even when the
 *   person's shelf stands, to tell how often the AI kept the device's guess.
 * - `formerCallNumbers`: call numbers it had before, oldest first (a call number is never reused).
 */
export type ShelvedMemory = Memory & {
  personShelf?: Placement & { at: string };
  aiPlacement?: Placement & { at: string };
  formerCallNumbers?: string[];
};

export function personShelfOf(memory: Memory): (Placement & { at: string }) | null {
  return (memory as ShelvedMemory).personShelf ?? null;
}

export function formerCallNumbersOf(memory: Memory): string[] {
  return (memory as ShelvedMemory).formerCallNumbers ?? [];
}

/** Where the AI librarian shelved it: recorded, or its card when nobody has moved it since. */
export function aiPlacementOf(memory: Memory): (Placement & { at: string }) | null {
  const recorded = (memory as ShelvedMemory).aiPlacement;
  if (recorded) return recorded;
  const card = memory.catalog;
  if (card?.source !== 'librarian' || personShelfOf(memory)) return null;
  return { hall: card.hall, shelf: card.shelf, at: card.catalogedAt };
}
