import { Dexie } from 'dexie';
import type { MemoryLibraryDb, SearchDoc } from './database.ts';

/**
 * The pending forward rows (search-packed.ts) as the on-device librarian last read them, kept
 * with the index's write counter (`rev` in the index meta) they belong to. Every write of a
 * forward row moves `rev` on; a write made in this tab hands its rows over once committed
 * (forwardRowsWritten), so after a run of saves the librarian does not read every pending row
 * again for each one. A write elsewhere (another tab, the sync worker), or one whose from-`rev`
 * is not the cache's, leaves the cache behind, and the rows are read afresh.
 */

interface PendingRows {
  rev: number;
  /** Replaced, never changed in place: a retrieval may still be reading the previous one. */
  docs: ReadonlyMap<string, SearchDoc>;
}

const caches = new WeakMap<MemoryLibraryDb, PendingRows>();

/** The pending rows as of `rev`, if this tab knows them. */
export function pendingRowsAt(
  db: MemoryLibraryDb,
  rev: number,
): ReadonlyMap<string, SearchDoc> | undefined {
  const cache = caches.get(db);
  return cache?.rev === rev ? cache.docs : undefined;
}

/** Whether this tab knows the pending rows of some `rev` (else reading them at once is worth it). */
export function hasPendingRows(db: MemoryLibraryDb): boolean {
  return caches.has(db);
}

/** Keep the pending rows read at `rev`. */
export function rememberPendingRows(
  db: MemoryLibraryDb,
  rev: number,
  docs: ReadonlyMap<string, SearchDoc>,
): void {
  caches.set(db, { rev, docs });
}

/** What a write did to the forward rows: rows now pending, and ids no longer pending. */
export interface ForwardRowChanges {
  pending?: readonly SearchDoc[];
  settled?: readonly string[];
}

/** After this tab's committed write that took `rev` from `from` to `to`: follow it, or let go. */
export function forwardRowsWritten(
  db: MemoryLibraryDb,
  from: number,
  to: number,
  { pending = [], settled = [] }: ForwardRowChanges,
): void {
  const cache = caches.get(db);
  if (cache?.rev !== from) {
    caches.delete(db);
    return;
  }
  const docs = new Map(cache.docs);
  for (const id of settled) docs.delete(id);
  for (const doc of pending) docs.set(doc.entryId, doc);
  caches.set(db, { rev: to, docs });
}

/**
 * forwardRowsWritten once the transaction under way commits (the outermost one: a nested
 * transaction's end is not on disk yet). Outside a transaction of `tables` itself, only `rev`
 * moves on, which leaves the cache behind.
 */
export function forwardRowsWrittenOnCommit(
  tables: unknown,
  from: number,
  to: number,
  changes: ForwardRowChanges,
): void {
  let transaction = Dexie.currentTransaction;
  if (!(tables instanceof Dexie) || !transaction) return;
  while (transaction.parent) transaction = transaction.parent;
  const db = tables as MemoryLibraryDb;
  transaction.on('complete', () => forwardRowsWritten(db, from, to, changes));
}
