import { findHall, isHallId } from '#shared/hall-data';
import {
  MAX_CORRECTION_LINES,
  MAX_NOTEBOOK_LINE_CHARS,
  MAX_NOTEBOOK_LINES,
} from '#shared/notebook-limits';
import type { Correction, Note } from '../db/notebook-tables.ts';

/** What every catalog request carries about this person besides the memory itself. */
export interface Digest {
  notebook: string[];
  corrections: string[];
}

/**
 * The kept notes, newest first, and the latest corrections as short English lines (the model
 * reads English best; names and shelves stay as the person wrote them). Within the request's
 * limits: 30 notes and 20 corrections, each line at most 200 characters.
 */
export function buildDigest(notes: readonly Note[], corrections: readonly Correction[]): Digest {
  const kept = notes
    .filter((note) => note.status === 'kept')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, MAX_NOTEBOOK_LINES)
    .map((note) => clip(note.text));
  const latest = [...corrections]
    .sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0))
    .slice(0, MAX_CORRECTION_LINES)
    .map((correction) => clip(correctionLine(correction)));
  return { notebook: kept.filter(Boolean), corrections: latest.filter(Boolean) };
}

/** "Moved 'Lunch with Lin' from Everyday/meals to Family/Lin". */
export function correctionLine(correction: Correction): string {
  const from = place(correction.from);
  const to = place(correction.to);
  switch (correction.kind) {
    case 'move':
      return `Moved '${correction.title ?? 'a memory'}' from ${from} to ${to}`;
    case 'rename-shelf':
      return `Renamed the shelf ${from} to ${to}`;
    case 'merge-shelves':
      return `Merged the shelf ${from} into ${to}`;
  }
}

function place({ hall, shelf }: { hall: string; shelf: string }): string {
  return `${isHallId(hall) ? findHall(hall).en : hall}/${shelf}`;
}

function clip(line: string): string {
  const trimmed = line.trim();
  return trimmed.length <= MAX_NOTEBOOK_LINE_CHARS
    ? trimmed
    : `${trimmed.slice(0, MAX_NOTEBOOK_LINE_CHARS - 1)}…`;
}
