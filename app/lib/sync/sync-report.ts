import type { ApiError } from '../api/result.ts';

/**
 * What the sync engine tells the app after each step (SYNC-10 … SYNC-15a): the Sync status
 * region and Settings turn it into words. Plain data, no runes: the engine is loaded lazily.
 */
export interface SyncReport {
  isSyncing: boolean;
  /** Outbox rows still to push. */
  waiting: number;
  /** Rows the server refused for good (SYNC-9), shown as "not synced" with their reason. */
  notSynced: NotSyncedItem[];
  /** Why nothing is being pushed right now, or null. */
  blocker: SyncBlocker;
  /** The last failure, when `blocker` is `failed`. */
  error: ApiError | null;
  /** ISO 8601 UTC of the last sync that ended with matching digests. */
  lastSyncedAt: string | null;
  /** Pulled revisions that would not decrypt (SYNC-17). */
  unreadable: number;
  /** Something the person should be told once. */
  notice: SyncNotice | null;
}

export type SyncBlocker = 'not-registered' | 'no-key' | 'offline' | 'failed' | null;

export interface NotSyncedItem {
  mutationId: number;
  entryId: string;
  reason: string;
  /** ISO 8601 UTC. */
  at: string;
}

export type SyncNotice =
  /** The digests differed: everything was pulled again and `resent` revisions pushed again. */
  | { kind: 'reconciled'; resent: number }
  /** This device's data was cleared; `lost` unsynced changes were lost (null: unknown). */
  | { kind: 'evicted'; lost: number | null };

export const IDLE_REPORT: SyncReport = {
  isSyncing: false,
  waiting: 0,
  notSynced: [],
  blocker: null,
  error: null,
  lastSyncedAt: null,
  unreadable: 0,
  notice: null,
};
