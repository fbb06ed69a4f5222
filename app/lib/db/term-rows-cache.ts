import type { MemoryLibraryDb, TermChunk } from './database.ts';

/**
 * The packed rows the on-device librarian has read (related-postings.ts), kept for the session
 * with each term's posting count, as of one merge generation: saves never change packed rows,
 * so between merges these are exact. A merge made in this tab hands over the rows it wrote
 * (`termRowsMerged`), so the rows stay current across it; a merge elsewhere (another tab) moves
 * `gen` past what this cache knows, and the next read starts afresh.
 */

/** Cached packed postings are dropped beyond this many (about 6 bytes each). */
const MAX_CACHED_POSTINGS = 200_000;

export interface TermCache {
  /** The merge generation everything here belongs to. */
  gen: number;
  chunks: Map<string, TermChunk[]>;
  postings: number;
  /** Postings in each term's packed rows (kept when its rows are dropped for room). */
  df: Map<string, number>;
}

const caches = new WeakMap<MemoryLibraryDb, TermCache>();

/** This database's cache as it stands, whatever generation it belongs to. */
export function currentTermCache(db: MemoryLibraryDb): TermCache | undefined {
  return caches.get(db);
}

/** This database's cache, emptied if it belongs to another generation than `gen`. */
export function termCacheAt(db: MemoryLibraryDb, gen: number): TermCache {
  let cache = caches.get(db);
  if (cache?.gen !== gen) {
    caches.set(db, (cache = { gen, chunks: new Map(), postings: 0, df: new Map() }));
  }
  return cache;
}

const countOf = (chunks: readonly TermChunk[]) =>
  chunks.reduce((sum, chunk) => sum + chunk.ords.length, 0);

/** Keep `term`'s packed rows, read at the cache's generation. */
export function rememberTermRows(cache: TermCache, term: string, chunks: TermChunk[]): void {
  const count = countOf(chunks);
  cache.df.set(term, count);
  if (cache.postings + count > MAX_CACHED_POSTINGS) {
    cache.chunks.clear();
    cache.postings = 0;
  }
  cache.chunks.set(term, chunks);
  cache.postings += count;
}

/** The packed rows a merge wrote: rows put whole, and [term, chunk] keys deleted. */
export interface TermRowChanges {
  put: readonly TermChunk[];
  remove: readonly (readonly [string, number])[];
}

/**
 * After this tab's merge from generation `from` to `to`: bring the cached rows to `to` (or drop
 * the cache, if it was not at `from`). A term whose rows are not cached but whose count is loses
 * the count, which is read again when needed.
 */
export function termRowsMerged(
  db: MemoryLibraryDb,
  from: number,
  to: number,
  changes: TermRowChanges,
): void {
  const cache = caches.get(db);
  if (cache?.gen !== from) {
    caches.delete(db);
    return;
  }
  const touched = new Map<string, { put: TermChunk[]; remove: Set<number> }>();
  const touch = (term: string) => {
    let change = touched.get(term);
    if (!change) touched.set(term, (change = { put: [], remove: new Set() }));
    return change;
  };
  for (const row of changes.put) touch(row.term).put.push(row);
  for (const [term, chunk] of changes.remove) touch(term).remove.add(chunk);
  for (const [term, { put, remove }] of touched) {
    const old = cache.chunks.get(term);
    if (!old) {
      cache.df.delete(term);
      continue;
    }
    const replaced = new Set(put.map((row) => row.chunk));
    const rows = old
      .filter((row) => !remove.has(row.chunk) && !replaced.has(row.chunk))
      .concat(put)
      .sort((a, b) => a.chunk - b.chunk);
    cache.postings += countOf(rows) - countOf(old);
    cache.chunks.set(term, rows);
    cache.df.set(term, countOf(rows));
  }
  cache.gen = to;
}
