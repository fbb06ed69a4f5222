/**
 * The librarian's notebook and the person's corrections (issue 6, DESIGN.md §3). Both feed the
 * digest sent with later catalog requests.
 */
export type NoteStatus = 'proposed' | 'kept' | 'dismissed';

export interface NoteVersion {
  text: string;
  /** ISO 8601 UTC. */
  at: string;
  action: 'proposed' | 'accepted' | 'edited' | 'dismissed' | 'restored';
}

export interface Note {
  id: string;
  text: string;
  status: NoteStatus;
  /** The memory the librarian learned it from. */
  sourceEntryId: string | null;
  /** What in that memory made the librarian propose it, as the model said. */
  why: string | null;
  createdAt: string;
  updatedAt: string;
  history: NoteVersion[];
}

export type CorrectionKind = 'move' | 'rename-shelf' | 'merge-shelves';

export interface Correction {
  seq?: number;
  kind: CorrectionKind;
  /** The memory moved (`move`), else null. */
  entryId: string | null;
  /** The moved memory's title, so the digest can name it without reading the memory. */
  title: string | null;
  from: { hall: string; shelf: string };
  to: { hall: string; shelf: string };
  /** A moved memory's call numbers before and after (`move`), else null. */
  fromCallNumber: string | null;
  toCallNumber: string | null;
  /** ISO 8601 UTC. */
  at: string;
}

export const NOTEBOOK_STORES = {
  // id: edit one note. status: the kept notes (digest) and the proposals waiting for the person.
  // sourceEntryId: a memory's proposals, under its reply on the memory page.
  notebook: 'id, status, sourceEntryId',
  // ++seq: the latest corrections first (digest). entryId: a memory's corrections (its card).
  corrections: '++seq, entryId',
} as const;
