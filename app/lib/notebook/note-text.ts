import type { NotebookProposal } from '#shared/librarian';
import { MAX_NOTEBOOK_LINE_CHARS } from '#shared/notebook-limits';
import type { Note } from '../db/notebook-tables.ts';

/**
 * The form two notes are compared in: NFKC, lower case, whitespace and closing punctuation
 * folded, so "Lin is my sister." and "lin is my  sister" are one note.
 */
export function noteKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/[\s.!?。！？…]+$/u, '')
    .trim();
}

/** A note as typed, trimmed; null when it is empty or too long to keep. */
export function cleanNoteText(text: string): string | null {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  return trimmed.length > 0 && trimmed.length <= MAX_NOTEBOOK_LINE_CHARS ? trimmed : null;
}

/**
 * The notes a reply's proposals add: one per proposal whose text the notebook does not hold in
 * any state — a dismissed note is not proposed again, the person already said no — and none
 * twice from one reply. `keep` stores them as kept at once ("keep the librarian's notes
 * automatically"), else as proposals waiting for the person.
 */
export function notesFromProposals(
  existing: readonly Pick<Note, 'text' | 'history'>[],
  proposals: readonly NotebookProposal[],
  options: { entryId: string; now: Date; keep: boolean; newId: () => string },
): Note[] {
  const seen = new Set<string>();
  for (const note of existing) {
    seen.add(noteKey(note.text));
    // An edited note's first wording counts too: the librarian would only propose it again.
    for (const version of note.history) seen.add(noteKey(version.text));
  }
  const at = options.now.toISOString();
  const added: Note[] = [];
  for (const proposal of proposals) {
    const text = cleanNoteText(proposal.text);
    if (text === null || seen.has(noteKey(text))) continue;
    seen.add(noteKey(text));
    added.push({
      id: options.newId(),
      text,
      status: options.keep ? 'kept' : 'proposed',
      sourceEntryId: options.entryId,
      why: proposal.why ?? null,
      createdAt: at,
      updatedAt: at,
      history: [
        { text, at, action: 'proposed' },
        ...(options.keep ? [{ text, at, action: 'accepted' as const }] : []),
      ],
    });
  }
  return added;
}
