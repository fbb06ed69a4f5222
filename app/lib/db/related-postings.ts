import type { Table } from 'dexie';
import type { PostingSource, RarestTerms } from '#shared/device-librarian/related';
import type { CollectionStats, Posting } from '#shared/search/rank';
import type { MemoryLibraryDb, SearchDoc, TermChunk } from './database.ts';
import { collectPostings, docTableAt, readChunks, readPending } from './search-packed.ts';
import { hasPendingRows, pendingRowsAt, rememberPendingRows } from './pending-rows-cache.ts';
import { readMeta } from './search-stats.ts';
import {
  currentTermCache,
  rememberTermRows,
  termCacheAt,
  type TermCache,
} from './term-rows-cache.ts';

/**
 * The index as the on-device librarian reads it (`findRelated`), built to stay fast at 10,000
 * memories: one read-only transaction; the packed rows read are kept for the session; and of
 * terms whose document frequency is known, only those findRelated will rank (the rarest) are
 * turned into postings or read at all.
 *
 * The packed rows are cached as of a merge generation (term-rows-cache.ts): between merges the
 * postings of memories that are not pending never change, and a pending memory is read from its
 * forward row, so cached rows give exactly what fresh ones would. The pending rows are kept as of
 * the index's write counter (pending-rows-cache.ts): saves come one after another faster than
 * merges fold them in, and reading them all for each save grew with their number. They count
 * too, so the terms left out are exactly those findRelated would not rank.
 */

/**
 * Of terms with a known packed count, the `rarest.count` in the fewest other memories, counted
 * as collectPostings will see them: a pending memory by its pending row, not its packed postings,
 * and never the asking memory itself. Terms no other memory has are left out.
 */
function rarestKnown(
  terms: readonly string[],
  cache: TermCache,
  pending: ReadonlyMap<string, SearchDoc>,
  self: SearchDoc | undefined,
  rarest: RarestTerms,
): string[] {
  const change = new Map<string, number>();
  const add = (term: string, by: number) => change.set(term, (change.get(term) ?? 0) + by);
  for (const doc of pending.values()) {
    for (const term of doc.packed) add(term, -1);
    if (doc.deleted || doc.entryId === rarest.excludeId) continue;
    for (const term of doc.terms) add(term, 1);
  }
  if (self && !self.pending) for (const term of self.packed) add(term, -1);
  return terms
    .map((term) => ({ term, df: cache.df.get(term)! + (change.get(term) ?? 0) }))
    .filter((candidate) => candidate.df > 0)
    .sort((a, b) => a.df - b.df)
    .slice(0, rarest.count)
    .map((candidate) => candidate.term);
}

/**
 * Run `body` in a read-only transaction and answer as soon as it has: there is nothing to commit,
 * and waiting for the transaction to end would hold the ranking back by one more round trip to
 * the browser's storage.
 */
function readNow<T>(db: MemoryLibraryDb, tables: Table[], body: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    db.transaction('r', tables, async () => resolve(await body())).catch(reject);
  });
}

/** The tables the postings are read from (a caller's transaction must include them all). */
export function postingTables(db: MemoryLibraryDb): Table[] {
  return [db.searchTerms, db.searchBlocks, db.searchDocs, db.kv];
}

/**
 * The index as a PostingSource: each read in a read-only transaction of its own, or, given
 * `inTransaction`, in the caller's (which includes postingTables).
 */
export function createIndexPostingSource(
  db: MemoryLibraryDb,
  { inTransaction = false } = {},
): PostingSource {
  let lastStats: CollectionStats | undefined;
  const tables = postingTables(db);
  const run = <T>(body: () => Promise<T>) => (inTransaction ? body() : readNow(db, tables, body));
  return {
    postingsFor: (terms, rarest) =>
      run(async () => {
        const unique = [...new Set(terms)];
        // Taken to be current until the counters say otherwise (then nothing cached is used).
        let cache = currentTermCache(db);
        const fresh = new Map<string, TermChunk[]>();
        const readInto = (list: readonly string[]) =>
          Promise.all(list.map(async (term) => fresh.set(term, await readChunks(db, term, false))));
        const unknownIn = (list: readonly string[]) =>
          rarest ? list.filter((term) => !cache?.df.has(term)) : list;
        const [meta, pendingRead, self] = await Promise.all([
          readMeta(db),
          // Read with the rest unless this tab keeps them; then only if the counters moved on.
          hasPendingRows(db) ? undefined : readPending(db),
          rarest?.excludeId ? db.searchDocs.get(rarest.excludeId) : undefined,
          readInto(unknownIn(unique).filter((term) => !cache?.chunks.has(term))),
        ]);
        const pending = pendingRead ?? pendingRowsAt(db, meta.rev) ?? (await readPending(db));
        rememberPendingRows(db, meta.rev, pending);
        // Rows read just now are current whatever the cache held.
        cache = termCacheAt(db, meta.gen);
        const unknown = unknownIn(unique).filter((term) => !fresh.has(term));
        const read = [...fresh.keys(), ...unknown];
        const known = unique.filter((term) => !read.includes(term));
        const wanted = rarest
          ? [...read, ...rarestKnown(known, cache, pending, self, rarest)]
          : unique;
        await readInto(wanted.filter((term) => !fresh.has(term) && !cache.chunks.has(term)));
        for (const [term, chunks] of fresh) rememberTermRows(cache, term, chunks);
        const table = await docTableAt(db, meta.gen);
        lastStats = { docCount: meta.docCount, totalLength: meta.totalLength };
        return new Map(
          wanted.map((term): [string, Posting[]] => {
            const chunks = fresh.get(term) ?? cache.chunks.get(term) ?? [];
            return [term, collectPostings(chunks, table, pending, (other) => other === term)];
          }),
        );
      }),
    stats: async () => {
      if (lastStats) return lastStats;
      const { docCount, totalLength } = await readMeta(db);
      return { docCount, totalLength };
    },
  };
}
