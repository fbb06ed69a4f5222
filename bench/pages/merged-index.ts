import type { MemoryLibraryDb } from '../../app/lib/db/database.ts';
import { mergePending } from '../../app/lib/db/search-merge.ts';
import { setAutomaticMerging } from '../../app/lib/db/search-schedule.ts';

/**
 * Fold every pending memory into the packed rows, with no merge of the app's under way after it:
 * a merge the app asked for while the bench filled its library would otherwise supersede this one
 * and leave the rows pending while the bench measures. Automatic merging is `automatic` after.
 */
export async function mergeEverything(db: MemoryLibraryDb, automatic: boolean): Promise<void> {
  setAutomaticMerging(false);
  do await mergePending(db);
  while ((await db.searchDocs.where('pending').equals(1).count()) > 0);
  setAutomaticMerging(automatic);
}
