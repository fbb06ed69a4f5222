import type { MemoryLibraryDb } from './database.ts';

const SIGNED_OUT_KEY = 'deviceSignedOut';

/**
 * Whether the server refused this device's token (revoked from another device). Kept across
 * reloads so the app does not quietly register a new, empty library in its place.
 */
export async function loadSignedOut(db: MemoryLibraryDb): Promise<boolean> {
  return (await db.kv.get(SIGNED_OUT_KEY))?.value === true;
}

export async function saveSignedOut(db: MemoryLibraryDb, isSignedOut: boolean): Promise<void> {
  if (isSignedOut) await db.kv.put({ key: SIGNED_OUT_KEY, value: true });
  else await db.kv.delete(SIGNED_OUT_KEY);
}
