import type { MemoryLibraryDb } from '../../db/database.ts';

/**
 * Where this device keeps the library key (SYNC-18): a non-extractable AES-GCM `CryptoKey`,
 * stored as is in IndexedDB (structured clone keeps it non-extractable), so page script can use
 * it but never read its bytes. The sync engine only ever calls `loadLibraryKey`; making, wrapping,
 * unwrapping and receiving the key live beside this file.
 */
const LIBRARY_KEY = 'libraryKey';

export interface StoredLibraryKey {
  key: CryptoKey;
  /** The library the key belongs to (its id is part of every revision's associated data). */
  libraryId: string;
  /** ISO 8601 UTC: when this device got the key. */
  storedAt: string;
}

export async function loadLibraryKey(db: MemoryLibraryDb): Promise<StoredLibraryKey | null> {
  const row = await db.kv.get(LIBRARY_KEY);
  return isStoredLibraryKey(row?.value) ? row.value : null;
}

export async function saveLibraryKey(
  db: MemoryLibraryDb,
  stored: Omit<StoredLibraryKey, 'storedAt'>,
): Promise<void> {
  await db.kv.put({ key: LIBRARY_KEY, value: { ...stored, storedAt: new Date().toISOString() } });
}

function isStoredLibraryKey(value: unknown): value is StoredLibraryKey {
  if (typeof value !== 'object' || value === null) return false;
  const { key, libraryId } = value as Record<string, unknown>;
  return typeof libraryId === 'string' && typeof key === 'object' && key !== null;
}
