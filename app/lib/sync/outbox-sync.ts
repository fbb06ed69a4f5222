import type { SyncBlocker } from './sync-report.ts';

/**
 * What the page and the service worker agree on for Background Sync (SYNC-21). No DOM and no
 * worker globals here: both sides import it.
 */

/** The one-off sync registered when a push could not happen. */
export const OUTBOX_SYNC_TAG = 'memory-library-outbox';

/** The service worker's request to a visible page: "run your sync, then answer on the port". */
export const OUTBOX_SYNC_REQUEST = 'memory-library:sync-outbox';

/**
 * How a push attempt ended. `retry`: offline or the server failed, try again later. `blocked`:
 * nothing a retry can fix (not registered, no key, revoked, or the page must renumber the outbox
 * first); the page deals with it when it next runs.
 */
export type OutboxSyncOutcome = 'synced' | 'retry' | 'blocked';

export function outcomeOf(blocker: SyncBlocker): OutboxSyncOutcome {
  if (blocker === null) return 'synced';
  return blocker === 'offline' || blocker === 'failed' ? 'retry' : 'blocked';
}

/** Both pushers take this Web Lock, so a page and the service worker never push at once. */
export const SYNC_LOCK = 'memory-library-sync';

/** Runs `work` holding the sync lock where the browser has Web Locks; else runs it directly. */
export function withSyncLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  return locks ? locks.request(SYNC_LOCK, work) : work();
}
