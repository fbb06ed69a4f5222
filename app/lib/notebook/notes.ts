import type { NotebookProposal } from '#shared/librarian';
import type { MemoryLibraryDb } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Note, NoteVersion } from '../db/notebook-tables.ts';
import { MAX_CORRECTION_LINES } from '#shared/notebook-limits';
import { buildDigest, type Digest } from './digest.ts';
import { cleanNoteText, notesFromProposals } from './note-text.ts';

/** The librarian's notebook on this device: proposals, kept notes and each note's history. */

const AUTO_KEEP_KEY = 'notebookAutoKeep';

export class InvalidNoteError extends Error {}

/** Whether the person chose "Keep the librarian's notes automatically". */
export async function loadAutoKeep(db: MemoryLibraryDb): Promise<boolean> {
  return (await db.kv.get(AUTO_KEEP_KEY))?.value === true;
}

export async function saveAutoKeep(db: MemoryLibraryDb, keep: boolean): Promise<void> {
  await db.kv.put({ key: AUTO_KEEP_KEY, value: keep });
}

/** Store a reply's proposals (deduplicated against the whole notebook); returns the notes added. */
export async function storeProposals(
  db: MemoryLibraryDb,
  entryId: string,
  proposals: readonly NotebookProposal[],
  now: Date,
): Promise<Note[]> {
  if (proposals.length === 0) return [];
  return db.transaction('rw', db.notebook, db.kv, async () => {
    const [existing, keep] = await Promise.all([db.notebook.toArray(), loadAutoKeep(db)]);
    const added = notesFromProposals(existing, proposals, { entryId, now, keep, newId });
    await db.notebook.bulkAdd(added);
    return added;
  });
}

/** Kept notes and waiting proposals (not the dismissed), newest first. */
export async function listNotebook(db: MemoryLibraryDb): Promise<Note[]> {
  const notes = await db.notebook.where('status').anyOf('kept', 'proposed').toArray();
  return notes.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** The proposals a memory's reply made that still wait for the person. */
export async function proposalsFor(db: MemoryLibraryDb, entryId: string): Promise<Note[]> {
  const notes = await db.notebook.where('sourceEntryId').equals(entryId).toArray();
  return notes.filter((note) => note.status === 'proposed');
}

export function acceptNote(db: MemoryLibraryDb, id: string, now: Date): Promise<Note> {
  return changeNote(db, id, now, (note) => ({ status: 'kept', text: note.text }), 'accepted');
}

/** Dismiss a proposal, or delete a kept note: it leaves the digest, and is never proposed again. */
export function dismissNote(db: MemoryLibraryDb, id: string, now: Date): Promise<Note> {
  return changeNote(db, id, now, (note) => ({ status: 'dismissed', text: note.text }), 'dismissed');
}

/** New wording for a note; editing a proposal keeps it as well (the person chose its words). */
export function editNote(db: MemoryLibraryDb, id: string, text: string, now: Date): Promise<Note> {
  const clean = cleanNoteText(text);
  if (clean === null) return Promise.reject(new InvalidNoteError('a note is 1–200 characters'));
  return changeNote(db, id, now, () => ({ status: 'kept', text: clean }), 'edited');
}

/** Bring back the wording of one of the note's earlier versions. */
export function restoreNote(
  db: MemoryLibraryDb,
  id: string,
  versionIndex: number,
  now: Date,
): Promise<Note> {
  return changeNote(
    db,
    id,
    now,
    (note) => {
      const version = note.history[versionIndex];
      if (!version) throw new InvalidNoteError('no such version');
      return { status: 'kept', text: version.text };
    },
    'restored',
  );
}

/** The digest for the next catalog request: kept notes and the latest corrections. */
export async function readDigest(db: MemoryLibraryDb): Promise<Digest> {
  const [kept, corrections] = await Promise.all([
    db.notebook.where('status').equals('kept').toArray(),
    db.corrections.orderBy('seq').reverse().limit(MAX_CORRECTION_LINES).toArray(),
  ]);
  return buildDigest(kept, corrections);
}

async function changeNote(
  db: MemoryLibraryDb,
  id: string,
  now: Date,
  change: (note: Note) => Pick<Note, 'status' | 'text'>,
  action: NoteVersion['action'],
): Promise<Note> {
  return db.transaction('rw', db.notebook, async () => {
    const note = await db.notebook.get(id);
    if (!note) throw new InvalidNoteError('the note is gone');
    const at = now.toISOString();
    const next = change(note);
    const updated: Note = {
      ...note,
      ...next,
      updatedAt: at,
      history: [...note.history, { text: next.text, at, action }],
    };
    await db.notebook.put(updated);
    return updated;
  });
}
