import { Dexie } from 'dexie';
import type { Posting } from '#shared/search/rank';
import type { DocBlock, MemoryLibraryDb, SearchDoc, TermChunk } from './database.ts';
import { termRowsMerged, type TermRowChanges } from './term-rows-cache.ts';

/**
 * The packed half of the search index. Saving writes one forward row per memory (search-index.ts)
 * and marks it pending; a merge, run in idle time or once enough memories wait, folds pending rows
 * into per-term packed rows, so a query reads one key range per word plus the few pending rows
 * instead of a row per (term, memory). Packed rows describe the index as of the last merge: a
 * memory with a pending row is read from that row and ignored in the packed ones, which is how
 * edits and deletes show at once without touching the packed rows in the save. Merging itself is
 * in search-merge.ts.
 */

/** The tables a merge reads and writes. */
export type PackTables = Pick<
  MemoryLibraryDb,
  'searchTerms' | 'searchBlocks' | 'searchDocs' | 'kv'
>;

/** Memories per block row. */
export const BLOCK_SIZE = 1024;

/** Every packed row of `term`, or of every term starting with it. */
export function readChunks(
  tables: Pick<PackTables, 'searchTerms'>,
  term: string,
  prefix: boolean,
): Promise<TermChunk[]> {
  const upper = prefix ? `${term}\uffff` : term;
  return tables.searchTerms
    .where('[term+chunk]')
    .between([term, Dexie.minKey], [upper, Dexie.maxKey], true, true)
    .toArray();
}

/** The memories the packed rows do not reflect yet, by id. */
export async function readPending(
  tables: Pick<PackTables, 'searchDocs'>,
): Promise<Map<string, SearchDoc>> {
  const docs = await tables.searchDocs.where('pending').equals(1).toArray();
  return new Map(docs.map((doc) => [doc.entryId, doc]));
}

/** The block rows as of merge `gen`, by block number. */
export interface DocTable {
  gen: number;
  blocks: Map<number, DocBlock>;
}

/**
 * The block rows are small (about 50 bytes a memory) and every query needs some of them, so each
 * database keeps them in memory after its first search, tagged with the merge that wrote them.
 */
const docTables = new WeakMap<MemoryLibraryDb, DocTable>();

/** The block rows as of merge `gen`: the cached ones, or read again (call inside a transaction). */
export async function docTableAt(db: MemoryLibraryDb, gen: number): Promise<DocTable> {
  const cached = docTables.get(db);
  if (cached?.gen === gen) return cached;
  const rows = await db.searchBlocks.toArray();
  const table = { gen, blocks: new Map(rows.map((row) => [row.block, row])) };
  docTables.set(db, table);
  return table;
}

/**
 * After this tab's merge from `from` to `to`: update the cached blocks and, given the term rows
 * the merge wrote, the librarian's cached term rows; or drop what is stale.
 */
export function updateDocTable(
  db: MemoryLibraryDb,
  from: number,
  to: number,
  written: DocBlock[],
  terms: TermRowChanges = { put: [], remove: [] },
) {
  termRowsMerged(db, from, to, terms);
  const cached = docTables.get(db);
  if (cached?.gen !== from) {
    docTables.delete(db);
    return;
  }
  for (const block of written) cached.blocks.set(block.block, block);
  cached.gen = to;
}

/**
 * The postings of every term `matches` accepts: those in `chunks` (already read for it) except
 * memories changed since the merge, then those of the pending memories that are still indexed.
 */
export function collectPostings(
  chunks: readonly TermChunk[],
  table: DocTable,
  pending: ReadonlyMap<string, SearchDoc>,
  matches: (term: string) => boolean,
): Posting[] {
  const postings: Posting[] = [];
  for (const { term, ords, tf } of chunks) {
    for (let i = 0; i < ords.length; i += 1) {
      const ord = ords[i]!;
      const block = table.blocks.get(Math.floor(ord / BLOCK_SIZE));
      const slot = ord % BLOCK_SIZE;
      const entryId = block?.ids[slot];
      if (!entryId || (pending.size > 0 && pending.has(entryId))) continue;
      postings.push({ term, entryId, tf: tf[i]!, len: block.len[slot]!, at: block.at[slot]! });
    }
  }
  for (const doc of pending.values()) {
    if (doc.deleted) continue;
    doc.terms.forEach((term, i) => {
      if (matches(term)) {
        postings.push({ term, entryId: doc.entryId, tf: doc.tfs[i]!, len: doc.len, at: doc.at });
      }
    });
  }
  return postings;
}
