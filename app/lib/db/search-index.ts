import { Dexie } from 'dexie';
import {
  rankPostings,
  type CollectionStats,
  type Posting,
  type RankedResult,
} from '#shared/search/rank';
import { documentTerms, queryUnits, type QueryUnit } from '#shared/search/tokenize';
import type { Memory, MemoryLibraryDb } from './database.ts';

/**
 * The full-text index, kept in IndexedDB and updated in the same transaction as the memory it
 * describes (so "Saved" means "findable"): one posting row per (term, memory) with the term's
 * frequency, the memory's length and date denormalised, so a query reads one key range per term
 * and ranks without touching the memories. Never rebuilt at start-up.
 */

/** The tables the index writes; a transaction that calls these must include all three. */
export type IndexTables = Pick<MemoryLibraryDb, 'postings' | 'searchDocs' | 'kv'>;

const STATS_KEY = 'searchStats';

/** Everything about a memory that search should find: its words, tags and catalog card. */
export function searchableText(memory: Pick<Memory, 'text' | 'tags' | 'catalog'>): string {
  const card = memory.catalog;
  const parts = [memory.text, ...(memory.tags ?? [])];
  if (card) {
    parts.push(card.title, card.summary, card.shelf, card.callNumber);
    parts.push(...card.people, ...card.places, ...card.themes, ...card.keywords);
  }
  return parts.join('\n');
}

export async function readStats(tables: Pick<IndexTables, 'kv'>): Promise<CollectionStats> {
  const value = (await tables.kv.get(STATS_KEY))?.value as CollectionStats | undefined;
  return { docCount: value?.docCount ?? 0, totalLength: value?.totalLength ?? 0 };
}

/** Add or refresh a memory in the index (call inside a rw transaction over IndexTables). */
export async function indexMemory(
  tables: IndexTables,
  memory: Pick<Memory, 'id' | 'text' | 'tags' | 'catalog' | 'writtenAtMs'>,
): Promise<void> {
  const { terms, length } = documentTerms(searchableText(memory));
  const [old, stats] = await Promise.all([tables.searchDocs.get(memory.id), readStats(tables)]);
  const writes: Promise<unknown>[] = [];
  if (old) {
    stats.docCount -= 1;
    stats.totalLength -= old.len;
    const stale = old.terms.filter((term) => !terms.has(term));
    if (stale.length > 0) {
      writes.push(tables.postings.bulkDelete(stale.map((term) => [term, memory.id])));
    }
  }
  const postings: Posting[] = [];
  for (const [term, tf] of terms) {
    postings.push({ term, entryId: memory.id, tf, len: length, at: memory.writtenAtMs });
  }
  stats.docCount += 1;
  stats.totalLength += length;
  writes.push(
    tables.postings.bulkPut(postings),
    tables.searchDocs.put({ entryId: memory.id, terms: [...terms.keys()], len: length }),
    tables.kv.put({ key: STATS_KEY, value: stats }),
  );
  await Promise.all(writes);
}

/** Take a memory out of the index (moved to the Trash, or gone). */
export async function unindexMemory(tables: IndexTables, id: string): Promise<void> {
  const [old, stats] = await Promise.all([tables.searchDocs.get(id), readStats(tables)]);
  if (!old) return;
  stats.docCount = Math.max(0, stats.docCount - 1);
  stats.totalLength = Math.max(0, stats.totalLength - old.len);
  await Promise.all([
    tables.postings.bulkDelete(old.terms.map((term) => [term, id])),
    tables.searchDocs.delete(id),
    tables.kv.put({ key: STATS_KEY, value: stats }),
  ]);
}

function readUnit(db: MemoryLibraryDb, unit: QueryUnit): Promise<Posting[]> {
  const upper = unit.prefix ? `${unit.term}\uffff` : unit.term;
  return db.postings
    .where('[term+entryId]')
    .between([unit.term, Dexie.minKey], [upper, Dexie.maxKey], true, true)
    .toArray();
}

/** Memories containing every word of the query, best first (BM25, then newer first). */
export async function searchIndex(db: MemoryLibraryDb, query: string): Promise<RankedResult[]> {
  const units = queryUnits(query);
  if (units.length === 0) return [];
  return db.transaction('r', db.postings, db.kv, async () => {
    const [stats, ...lists] = await Promise.all([
      readStats(db),
      ...units.map((unit) => readUnit(db, unit)),
    ]);
    return rankPostings(lists, stats);
  });
}

/** Memories sharing the most telling words with this one (any of them), best first. */
export async function relatedInIndex(
  db: MemoryLibraryDb,
  entryId: string,
  limit = 5,
): Promise<RankedResult[]> {
  return db.transaction('r', db.postings, db.searchDocs, db.kv, async () => {
    const doc = await db.searchDocs.get(entryId);
    if (!doc) return [];
    // Longer terms first: bigrams and words say more than single characters.
    const terms = [...doc.terms].sort((a, b) => b.length - a.length).slice(0, 24);
    const [stats, ...lists] = await Promise.all([
      readStats(db),
      ...terms.map((term) => readUnit(db, { term, prefix: false })),
    ]);
    return rankPostings(lists, stats, 'any')
      .filter((result) => result.entryId !== entryId)
      .slice(0, limit);
  });
}
