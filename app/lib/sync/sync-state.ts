import type { MemoryLibraryDb } from '../db/database.ts';
import type { SyncState } from '../db/sync-tables.ts';

const SYNC_STATE_KEY = 'syncState';

export async function readSyncState(db: MemoryLibraryDb): Promise<SyncState> {
  const value = (await db.kv.get(SYNC_STATE_KEY))?.value as SyncState | undefined;
  return value ?? { cursor: 0, lastSyncedAt: null };
}

export async function writeSyncState(db: MemoryLibraryDb, state: SyncState): Promise<void> {
  await db.kv.put({ key: SYNC_STATE_KEY, value: state });
}

/**
 * The outbox count mirrored outside IndexedDB (SYNC-15a): when the browser clears the database,
 * this may survive and tell how many unsynced changes were lost.
 */
const WAITING_MIRROR_KEY = 'memory-library:sync-waiting';

export function mirrorWaiting(count: number): void {
  try {
    localStorage.setItem(WAITING_MIRROR_KEY, String(count));
  } catch {
    // No localStorage (tests, blocked storage): the app then says the loss is unknown.
  }
}

export function readWaitingMirror(): number | null {
  try {
    const value = localStorage.getItem(WAITING_MIRROR_KEY);
    return value === null ? null : Number(value);
  } catch {
    return null;
  }
}
