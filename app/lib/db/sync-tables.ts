/**
 * Sync's stores (issue 5, SYNC-10): the outbox of revisions waiting for the server's answer.
 * A row names its revision; the revision is encrypted only when it is pushed, so a save never
 * waits for the library key.
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

export const SYNC_STORES = {
  // seq: push in saving order. &mutationId: remove the rows a push answer names.
  outbox: '++seq, &mutationId',
} as const;
