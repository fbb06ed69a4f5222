import { loadCredentials } from '../db/credentials.ts';
import type { MemoryLibraryDb } from '../db/database.ts';
import { ensureLocalDeviceId } from '../db/device-id.ts';
import { readSyncClock } from '../db/sync-outbox.ts';
import { loadLibraryKey } from './keys/library-key.ts';
import { outboxReusesSeenIds, pushOutbox, SyncFailure } from './outbox-push.ts';
import { withSyncLock, type OutboxSyncOutcome } from './outbox-sync.ts';
import { readSyncState } from './sync-state.ts';
import { createSyncTransport, type SyncTransport } from './transport.ts';

export interface WorkerPushOptions {
  db: MemoryLibraryDb;
  /** The HTTP side; tests put the real server rules behind a `fetch` here. */
  transportFor?: (token: string) => SyncTransport;
}

/**
 * The service worker's push when no page is there to sync (SYNC-21): the outbox only, with the
 * page's own push code (SYNC-10). Pulling, merging and telling the person stay with the page,
 * which runs them when it next opens. Holds the sync lock, so it never runs beside a page.
 */
export function pushFromWorker(options: WorkerPushOptions): Promise<OutboxSyncOutcome> {
  return withSyncLock(() => push(options));
}

async function push({ db, transportFor }: WorkerPushOptions): Promise<OutboxSyncOutcome> {
  const [credentials, stored, localDeviceId] = await Promise.all([
    loadCredentials(db),
    loadLibraryKey(db),
    ensureLocalDeviceId(db.kv),
  ]);
  if (!credentials || !stored || stored.libraryId !== credentials.libraryId) return 'blocked';
  const transport = (transportFor ?? ((token) => createSyncTransport({ token })))(
    credentials.token,
  );
  try {
    // A database that never pulled may have been cleared by the browser: its mutation ids could
    // be ones the server has already seen, which it would ack without storing (SYNC-6). The page
    // renumbers them and says what was lost (SYNC-15a); here, only ask before pushing.
    if ((await readSyncState(db)).cursor === 0) {
      const page = await transport.pull(0, 1);
      if (!page.ok) throw new SyncFailure(page.error);
      const { nextMutationId } = await readSyncClock(db.kv, localDeviceId);
      if (await outboxReusesSeenIds(db, page.data.lastMutationId, nextMutationId)) return 'blocked';
    }
    await pushOutbox(db, {
      transport,
      key: stored.key,
      libraryId: stored.libraryId,
      deviceId: credentials.deviceId,
      localDeviceId,
    });
    return 'synced';
  } catch (error) {
    if (!(error instanceof SyncFailure)) throw error;
    // Revoked: the page forgets the token when it next syncs; retrying cannot help.
    return error.error.status === 401 ? 'blocked' : 'retry';
  }
}
