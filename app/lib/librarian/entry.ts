import type { EntryForLibrarian } from '#shared/librarian';
import type { Memory } from '../db/database.ts';

/** What of a memory goes to the AI librarian: its words, date and language, nothing else. */
export function entryForLibrarian(memory: Memory): EntryForLibrarian {
  return { id: memory.id, text: memory.text, writtenAt: memory.writtenAt, lang: memory.lang };
}
