import type { NotebookProposal } from '#shared/librarian';
import type { MemoryLibraryDb } from '../db/database.ts';
import type { Digest } from './digest.ts';

/**
 * The notebook as the librarian queue uses it, loaded only when a request goes out, so none of it
 * weighs on the first screen. Neither ever fails a request: the notebook is a help, not a condition.
 */

/** The kept notes and latest corrections, sent with every request so the librarian learns. */
export async function digestForRequest(db: MemoryLibraryDb): Promise<Digest> {
  try {
    const { readDigest } = await import('./notes.ts');
    return await readDigest(db);
  } catch {
    return { notebook: [], corrections: [] };
  }
}

/** A reply's proposed notes wait in the notebook for the person (or are kept, if they chose). */
export async function keepProposals(
  db: MemoryLibraryDb,
  entryId: string,
  proposals: readonly NotebookProposal[],
  now: Date,
): Promise<void> {
  if (proposals.length === 0) return;
  try {
    const { storeProposals } = await import('./notes.ts');
    await storeProposals(db, entryId, proposals, now);
  } catch {
    // Losing a proposal loses nothing the person wrote; the reply and card are stored.
  }
}
