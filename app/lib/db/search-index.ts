import { Dexie } from 'dexie';
import type { PostingSource } from '#shared/device-librarian/related';
import {
  rankPostings,
  type CollectionStats,
  type Posting,
  type RankedResult,
} from '#shared/search/rank';
import { documentTerms, queryUnits, unitMatches, type QueryUnit } from '#shared/search/tokenize';
import type { Memory, MemoryLibraryDb, SearchDoc } from './database.ts';
import {
  collectPostings,
  docTableAt,
  readChunks,
  readPending,
  scheduleMerge,
} from './search-packed.ts';
import { readMeta, readStats, writeMeta } from './search-stats.ts';

/**
 * The full-text index, kept in IndexedDB and updated in the same transaction as the memory it
 * describes (so "Saved" means "findable"). A save writes one forward row (the memory's terms and
 * their counts) and the collection statistics; search reads the packed per-term rows that merges
 * build from forward rows in idle time, plus the forward rows not merged yet (search-packed.ts).
 * Never rebuilt at start-up.
 */

export { mergePending } from './search-packed.ts';
export { readStats } from './search-stats.ts';

/** The tables a save's index update writes; a transaction that calls these must include both. */
export type IndexTables = Pick<MemoryLibraryDb, 'searchDocs' | 'kv'>;

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

/** After a write in `tables`: when they are the database itself, ask for a merge in idle time. */
function afterWrite(tables: IndexTables, pending: number): void {
  if (tables instanceof Dexie) scheduleMerge(tables as MemoryLibraryDb, pending);
}

/** Add or refresh a memory in the index (call inside a rw transaction over IndexTables). */
export async function indexMemory(
  tables: IndexTables,
  memory: Pick<Memory, 'id' | 'text' | 'tags' | 'catalog' | 'writtenAtMs'>,
): Promise<void> {
  const { terms, length } = documentTerms(searchableText(memory));
  const [old, meta] = await Promise.all([tables.searchDocs.get(memory.id), readMeta(tables)]);
  if (old && !old.deleted) {
    meta.docCount -= 1;
    meta.totalLength -= old.len;
  }
  if (!old?.pending) meta.pending += 1;
  meta.docCount += 1;
  meta.totalLength += length;
  const doc: SearchDoc = {
    entryId: memory.id,
    ord: old?.ord ?? meta.nextOrd++,
    terms: [...terms.keys()],
    tfs: [...terms.values()],
    len: length,
    at: memory.writtenAtMs,
    packed: old?.packed ?? [],
    pending: 1,
  };
  await Promise.all([tables.searchDocs.put(doc), writeMeta(tables, meta)]);
  afterWrite(tables, meta.pending);
}

/** Take a memory out of the index (moved to the Trash, or gone). */
export async function unindexMemory(tables: IndexTables, id: string): Promise<void> {
  const [old, meta] = await Promise.all([tables.searchDocs.get(id), readMeta(tables)]);
  if (!old || old.deleted) return;
  meta.docCount = Math.max(0, meta.docCount - 1);
  meta.totalLength = Math.max(0, meta.totalLength - old.len);
  let write: Promise<unknown>;
  if (old.packed.length === 0) {
    // Never merged: no packed posting to drop, so the row can simply go.
    if (old.pending) meta.pending -= 1;
    write = tables.searchDocs.delete(id);
  } else {
    if (!old.pending) meta.pending += 1;
    const tombstone: SearchDoc = { ...old, terms: [], tfs: [], pending: 1, deleted: true };
    write = tables.searchDocs.put(tombstone);
  }
  await Promise.all([write, writeMeta(tables, meta)]);
  afterWrite(tables, meta.pending);
}

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

/**
 * The index as the on-device librarian reads it (`findRelated`): each exact term's postings and
 * the collection statistics, from the same packed and pending rows as search.
 */
export function createIndexPostingSource(db: MemoryLibraryDb): PostingSource {
  return {
    postingsFor: (terms) =>
      db.transaction('r', readTables(db), async () => {
        const unique = [...new Set(terms)];
        const units = unique.map((term) => ({ term, prefix: false }));
        const { lists } = await readUnits(db, units);
        return new Map(unique.map((term, i) => [term, lists[i]!]));
      }),
    stats: () => readStats(db),
  };
}
