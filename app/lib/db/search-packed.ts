import { Dexie } from 'dexie';
import type { Posting } from '#shared/search/rank';
import type { DocBlock, MemoryLibraryDb, SearchDoc, TermChunk } from './database.ts';
import { emptyColumn, POSTINGS_PER_CHUNK, repackTerm, type Column } from './search-repack.ts';
import { readMeta, writeMeta } from './search-stats.ts';

/**
 * The packed half of the search index. Saving writes one forward row per memory (search-index.ts)
 * and marks it pending; a merge, run in idle time or once enough memories wait, folds pending rows
 * into per-term packed rows, so a query reads one key range per word plus the few pending rows
 * instead of a row per (term, memory). Packed rows describe the index as of the last merge: a
 * memory with a pending row is read from that row and ignored in the packed ones, which is how
 * edits and deletes show at once without touching the packed rows in the save.
 */

/** The tables a merge reads and writes. */
export type PackTables = Pick<
  MemoryLibraryDb,
  'searchTerms' | 'searchBlocks' | 'searchDocs' | 'kv'
>;

/** Memories per block row. */
export const BLOCK_SIZE = 1024;
/** Merge soon once this many memories are pending; fewer wait for a quiet moment. */
export const MERGE_AT = 32;
const QUIET_MERGE_MS = 2_000;

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

/** After this tab's merge from `from` to `to`: update the cached blocks, or drop them if stale. */
function updateDocTable(db: MemoryLibraryDb, from: number, to: number, written: DocBlock[]) {
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

/** The block rows after the pending memories are folded in (read inside the transaction). */
async function updatedBlocks(
  tables: Pick<PackTables, 'searchBlocks'>,
  docs: readonly SearchDoc[],
): Promise<DocBlock[]> {
  const numbers = [...new Set(docs.map((doc) => Math.floor(doc.ord / BLOCK_SIZE)))];
  const rows = await tables.searchBlocks.bulkGet(numbers);
  const blocks = new Map<number, DocBlock>();
  numbers.forEach((block, i) => {
    const row = rows[i];
    blocks.set(block, {
      block,
      ids: row ? [...row.ids] : [],
      len: row ? row.len.slice() : new Uint32Array(BLOCK_SIZE),
      at: row ? row.at.slice() : new Float64Array(BLOCK_SIZE),
    });
  });
  for (const doc of docs) {
    const block = blocks.get(Math.floor(doc.ord / BLOCK_SIZE))!;
    const slot = doc.ord % BLOCK_SIZE;
    while (block.ids.length <= slot) block.ids.push('');
    block.ids[slot] = doc.deleted ? '' : doc.entryId;
    block.len[slot] = doc.deleted ? 0 : doc.len;
    block.at[slot] = doc.deleted ? 0 : doc.at;
  }
  return [...blocks.values()];
}

/** What a merge did: how many memories it folded in, and the merge generations and blocks. */
export interface MergeResult {
  count: number;
  from: number;
  to: number;
  blocks: DocBlock[];
}

/**
 * Fold every pending forward row into the packed rows (call inside a rw transaction over
 * PackTables). Idempotent: a memory's old postings are dropped from every term it had or has
 * before its new ones are added.
 */
export async function mergePendingIn(
  tables: PackTables,
  chunkSize = POSTINGS_PER_CHUNK,
): Promise<MergeResult> {
  const [pending, meta] = await Promise.all([readPending(tables), readMeta(tables)]);
  const docs = [...pending.values()];
  if (docs.length === 0) return { count: 0, from: meta.gen, to: meta.gen, blocks: [] };
  const drop = new Map<string, Set<number>>();
  const add = new Map<string, Column>();
  const dropFrom = (term: string, ord: number) => {
    const ords = drop.get(term);
    if (ords) ords.add(ord);
    else drop.set(term, new Set([ord]));
  };
  for (const doc of docs) {
    for (const term of doc.packed) dropFrom(term, doc.ord);
    if (doc.deleted) continue;
    doc.terms.forEach((term, i) => {
      dropFrom(term, doc.ord);
      let column = add.get(term);
      if (!column) add.set(term, (column = emptyColumn()));
      column.ords.push(doc.ord);
      column.tf.push(doc.tfs[i]!);
    });
  }
  const terms = [...drop.keys()];
  const [blocks, ...current] = await Promise.all([
    updatedBlocks(tables, docs),
    ...terms.map((term) => readChunks(tables, term, false)),
  ]);
  const put: TermChunk[] = [];
  const remove: [string, number][] = [];
  terms.forEach((term, i) => {
    const column = add.get(term) ?? emptyColumn();
    const change = repackTerm(term, current[i]!, drop.get(term)!, column, chunkSize);
    put.push(...change.put);
    for (const chunk of change.remove) remove.push([term, chunk]);
  });
  const merged: SearchDoc[] = [];
  const gone: string[] = [];
  for (const { pending: _pending, ...doc } of docs) {
    if (doc.deleted) gone.push(doc.entryId);
    else merged.push({ ...doc, packed: doc.terms });
  }
  const to = meta.gen + 1;
  await Promise.all([
    tables.searchTerms.bulkDelete(remove),
    tables.searchTerms.bulkPut(put),
    tables.searchBlocks.bulkPut(blocks),
    tables.searchDocs.bulkDelete(gone),
    tables.searchDocs.bulkPut(merged),
    writeMeta(tables, { ...meta, pending: 0, gen: to }),
  ]);
  return { count: docs.length, from: meta.gen, to, blocks };
}

/** Fold the pending memories into the packed rows now, in a transaction of its own. */
export async function mergePending(
  db: MemoryLibraryDb,
  chunkSize = POSTINGS_PER_CHUNK,
): Promise<number> {
  const tables = [db.searchTerms, db.searchBlocks, db.searchDocs, db.kv];
  const result = await Dexie.ignoreTransaction(() =>
    db.transaction('rw', tables, () => mergePendingIn(db, chunkSize)),
  );
  if (result.count > 0) updateDocTable(db, result.from, result.to, result.blocks);
  return result.count;
}

interface Schedule {
  timer: ReturnType<typeof setTimeout> | undefined;
  due: number;
}
const schedules = new WeakMap<MemoryLibraryDb, Schedule>();
let automatic = true;

/** Turn idle-time merging off or on (benchmarks and tests that control merges themselves). */
export function setAutomaticMerging(enabled: boolean): void {
  automatic = enabled;
}

/**
 * Ask for a merge: soon once `pendingCount` reaches MERGE_AT, otherwise after a quiet moment.
 * Runs in its own transaction when the page is idle; a failed or skipped merge only leaves rows
 * pending, which search reads anyway, and the next write asks again.
 */
export function scheduleMerge(db: MemoryLibraryDb, pendingCount: number): void {
  if (pendingCount <= 0 || !automatic) return;
  let schedule = schedules.get(db);
  if (!schedule) schedules.set(db, (schedule = { timer: undefined, due: Infinity }));
  const due = Date.now() + (pendingCount >= MERGE_AT ? 0 : QUIET_MERGE_MS);
  if (schedule.timer !== undefined && schedule.due <= due) return;
  clearTimeout(schedule.timer);
  schedule.due = due;
  schedule.timer = setTimeout(
    () => {
      schedule.timer = undefined;
      schedule.due = Infinity;
      whenIdle(() => {
        if (!db.isOpen()) return;
        mergePending(db).catch((error: unknown) =>
          console.warn('search index merge failed', error),
        );
      });
    },
    Math.max(0, due - Date.now()),
  );
}

function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1_000 });
  else setTimeout(task, 0);
}
