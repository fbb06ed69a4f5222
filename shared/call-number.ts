import { HALLS, findHall, type HallId } from './hall-data.ts';

const MAX_SHELF_LENGTH = 24;

/**
 * The shelf part of a call number: readable in either language, stable for the same shelf name.
 * NFKC folds full-width Latin; spaces and punctuation become single hyphens.
 */
export function shelfSlug(shelf: string): string {
  const slug = shelf
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return Array.from(slug).slice(0, MAX_SHELF_LENGTH).join('').replace(/-+$/, '') || 'misc';
}

/** `FAM-外婆-0007`: hall code, shelf slug, sequence on that shelf (DESIGN.md §3, contract). */
export function formatCallNumber(hall: HallId, shelf: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new Error('sequence must be a positive integer');
  return `${findHall(hall).code}-${shelfSlug(shelf)}-${String(sequence).padStart(4, '0')}`;
}

const CALL_NUMBER = new RegExp(
  `^(${HALLS.map((hall) => hall.code).join('|')})-(.+)-(\\d{4,})$`,
  'u',
);

export function parseCallNumber(
  callNumber: string,
): { hall: HallId; shelf: string; sequence: number } | null {
  const match = CALL_NUMBER.exec(callNumber);
  if (!match) return null;
  const [, code, shelf, sequence] = match;
  const hall = HALLS.find((candidate) => candidate.code === code);
  // The pattern makes every group non-empty; the checks satisfy noUncheckedIndexedAccess.
  if (!hall || shelf === undefined || sequence === undefined) return null;
  return { hall: hall.id, shelf, sequence: Number(sequence) };
}
