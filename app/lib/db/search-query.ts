import {
  rankPostings,
  type CollectionStats,
  type Posting,
  type RankedResult,
} from '#shared/search/rank';
import { queryUnits, unitMatches, type QueryUnit } from '#shared/search/tokenize';
import type { MemoryLibraryDb } from './database.ts';
import { scheduleMerge } from './search-schedule.ts';
import { collectPostings, docTableAt, readChunks, readPending } from './search-packed.ts';
import { readMeta } from './search-stats.ts';

/**
 * Reading the search index (search-index.ts keeps it): queries and related memories, from the
 * packed rows plus the pending forward rows. The on-device librarian reads it through
 * related-postings.ts.
 */

function readTables(db: MemoryLibraryDb) {
  return [db.searchTerms, db.searchBlocks, db.searchDocs, db.kv] as const;
}

/**
 * Each unit's postings (every term it matches) and the collection statistics, read in the
 * caller's transaction over readTables.
 */
async function readUnits(
  db: MemoryLibraryDb,
  units: readonly QueryUnit[],
): Promise<{ lists: Posting[][]; stats: CollectionStats; pending: number }> {
  const [meta, pending, ...chunks] = await Promise.all([
    readMeta(db),
    readPending(db),
    ...units.map((unit) => readChunks(db, unit.term, unit.prefix)),
  ]);
  const table = await docTableAt(db, meta.gen);
  const lists = units.map((unit, i) =>
    collectPostings(chunks[i]!, table, pending, (term) => unitMatches(unit, term)),
  );
  const stats = { docCount: meta.docCount, totalLength: meta.totalLength };
  return { lists, stats, pending: pending.size };
}

/** Memories containing every word of the query, best first (BM25, then newer first). */
export async function searchIndex(db: MemoryLibraryDb, query: string): Promise<RankedResult[]> {
  const units = queryUnits(query);
  if (units.length === 0) return [];
  const { lists, stats, pending } = await db.transaction('r', readTables(db), () =>
    readUnits(db, units),
  );
  // Rows left pending by an earlier session are merged once the page is idle.
  scheduleMerge(db, pending);
  return rankPostings(lists, stats);
}

/** Memories sharing the most telling words with this one (any of them), best first. */
export async function relatedInIndex(
  db: MemoryLibraryDb,
  entryId: string,
  limit = 5,
): Promise<RankedResult[]> {
  const read = await db.transaction('r', readTables(db), async () => {
    const doc = await db.searchDocs.get(entryId);
    if (!doc || doc.deleted) return undefined;
    // Longer terms first: bigrams and words say more than single characters.
    const terms = [...doc.terms].sort((a, b) => b.length - a.length).slice(0, 24);
    const units = terms.map((term) => ({ term, prefix: false }));
    return readUnits(db, units);
  });
  if (!read) return [];
  return rankPostings(read.lists, read.stats, 'any')
    .filter((result) => result.entryId !== entryId)
    .slice(0, limit);
}
