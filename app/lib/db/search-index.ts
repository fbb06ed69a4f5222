import { Dexie } from 'dexie';
import { documentTerms } from '#shared/search/tokenize';
import type { Memory, MemoryLibraryDb, SearchDoc } from './database.ts';
import { forwardRowsWrittenOnCommit } from './pending-rows-cache.ts';
import { indexWritten } from './search-schedule.ts';
import { readMeta, writeMeta, type IndexMeta } from './search-stats.ts';

/**
 * The full-text index, kept in IndexedDB and updated in the same transaction as the memory it
 * describes (so "Saved" means "findable"). A save writes one forward row (the memory's terms and
 * their counts) and the collection statistics; search reads the packed per-term rows that merges
 * build from forward rows in idle time, plus the forward rows not merged yet (search-packed.ts).
 * Never rebuilt at start-up. Reading it is search-query.ts, kept out of the first screen's code.
 */

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
  if (tables instanceof Dexie) indexWritten(tables as MemoryLibraryDb, pending);
}

/** What indexing a memory reads first: its forward row and the index's counters. */
export type IndexRowRead = [SearchDoc | undefined, IndexMeta];

/** Read what indexing memory `id` needs, in the caller's transaction (to pass to indexMemory). */
export function readIndexRow(tables: IndexTables, id: string): Promise<IndexRowRead> {
  return Promise.all([tables.searchDocs.get(id), readMeta(tables)]);
}

/**
 * Add or refresh a memory in the index (call inside a rw transaction over IndexTables). A caller
 * that already asked for what it reads (readIndexRow, same transaction) passes it.
 */
export async function indexMemory(
  tables: IndexTables,
  memory: Pick<Memory, 'id' | 'text' | 'tags' | 'catalog' | 'writtenAtMs'>,
  read?: IndexRowRead,
): Promise<void> {
  const { terms, length } = documentTerms(searchableText(memory));
  const [old, meta] = read ?? (await readIndexRow(tables, memory.id));
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
  const rev = meta.rev;
  meta.rev += 1;
  await Promise.all([tables.searchDocs.put(doc), writeMeta(tables, meta)]);
  forwardRowsWrittenOnCommit(tables, rev, meta.rev, { pending: [doc] });
  afterWrite(tables, meta.pending);
}

/** Take a memory out of the index (moved to the Trash, or gone). */
export async function unindexMemory(tables: IndexTables, id: string): Promise<void> {
  const [old, meta] = await Promise.all([tables.searchDocs.get(id), readMeta(tables)]);
  if (!old || old.deleted) return;
  meta.docCount = Math.max(0, meta.docCount - 1);
  meta.totalLength = Math.max(0, meta.totalLength - old.len);
  const rev = meta.rev;
  meta.rev += 1;
  let write: Promise<unknown>;
  if (old.packed.length === 0) {
    // Never merged: no packed posting to drop, so the row can simply go.
    if (old.pending) meta.pending -= 1;
    write = tables.searchDocs.delete(id);
    forwardRowsWrittenOnCommit(tables, rev, meta.rev, { settled: [id] });
  } else {
    if (!old.pending) meta.pending += 1;
    const tombstone: SearchDoc = { ...old, terms: [], tfs: [], pending: 1, deleted: true };
    write = tables.searchDocs.put(tombstone);
    forwardRowsWrittenOnCommit(tables, rev, meta.rev, { pending: [tombstone] });
  }
  await Promise.all([write, writeMeta(tables, meta)]);
  afterWrite(tables, meta.pending);
}
