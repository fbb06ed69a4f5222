/**
 * Sync's stores and fields (issue 5, shared/sync/SYNC-SPEC.md): the outbox of revisions waiting
 * for the server's answer, the revIds pulled from the server (what the digest is compared over),
 * and the sync fields that revisions and memories carry. A revision is encrypted only when it is
 * pushed, so a save never waits for the library key.
 */
export interface OutboxRow {
  seq?: number;
  /** Per-device, +1 per row, never reused (SYNC-2, SYNC-15a). */
  mutationId: number;
  entryId: string;
  revId: string;
  /** ISO 8601 UTC. */
  queuedAt: string;
  /** Set when the server refused it for good (SYNC-9): kept, shown as "not synced", not re-sent. */
  rejected?: { reason: string; at: string };
}

/** A revId the server sent back, with its server sequence (SYNC-8, SYNC-15). */
export interface PulledRow {
  revId: string;
  seq: number;
  /** It would not decrypt (SYNC-17): not applied, reported, tried again when the key changes. */
  isUnreadable?: true;
}

/** Where this device stands with the server (kv `syncState`). */
export interface SyncState {
  /** The last server sequence pulled (SYNC-8). */
  cursor: number;
  /** ISO 8601 UTC of the last sync that ended with matching digests. */
  lastSyncedAt: string | null;
}

/** The small fields whose edits are last-writer-wins (SYNC-13), as named in the payload. */
export type StampedField = 'mood' | 'tags' | 'private' | 'deleted' | 'writtenAt';
export const STAMPED_FIELDS: readonly StampedField[] = [
  'mood',
  'tags',
  'private',
  'deleted',
  'writtenAt',
];

/** Each small field's HLC: the edit that last set it (SYNC-13). */
export type FieldStamps = Record<StampedField, string>;

/** What sync adds to a revision row (database.ts `Revision`). */
export interface RevisionSyncFields {
  /** Hybrid logical clock (SYNC-3); set on every revision since version 3. */
  hlc?: string;
  /** Further heads this revision closes (SYNC-1, SYNC-12). */
  mergedRevIds?: string[];
  /** Set by the Trash (SYNC-14): the revision says "deleted". */
  isDeleted?: boolean;
  stamps?: FieldStamps;
}

/** What sync adds to a memory row (database.ts `Memory`). */
export interface MemorySyncFields {
  /** Every head in (hlc, revId) order when there are several (SYNC-11); else absent. */
  headRevIds?: string[];
  /** The merged small fields' stamps, for the next save to copy (SYNC-13). */
  stamps?: FieldStamps;
  /** The heads changed the same lines: the memory page lists every version (SYNC-12). */
  hasConflict?: boolean;
  /** Deleted on one device, edited on another: kept (SYNC-14). */
  isDeleteOverridden?: boolean;
}

export const SYNC_STORES = {
  // seq: push in saving order. &mutationId: remove the rows a push answer names.
  outbox: '++seq, &mutationId',
  // revId: the digest's set of revisions the server has sent (SYNC-15).
  syncPulled: 'revId',
} as const;
