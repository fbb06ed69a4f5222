import type { MemoryLibraryDb } from './database.ts';

const PURGED_KEY = 'purgedEntries';

/**
 * Memories deleted forever on this device. The server keeps their ciphertext (it cannot tell a
 * purge from a loss), so a later full reconcile or another device's edit pulls their revisions
 * again: those are recorded as pulled but never brought back into the library.
 */
export async function loadPurgedEntries(db: MemoryLibraryDb): Promise<Set<string>> {
  const value = (await db.kv.get(PURGED_KEY))?.value;
  return new Set(Array.isArray(value) ? value.filter((id) => typeof id === 'string') : []);
}

/** Call inside the transaction that deletes the memory, which must include `db.kv`. */
export async function rememberPurged(db: MemoryLibraryDb, entryId: string): Promise<void> {
  const purged = await loadPurgedEntries(db);
  if (purged.has(entryId)) return;
  await db.kv.put({ key: PURGED_KEY, value: [...purged, entryId] });
}
