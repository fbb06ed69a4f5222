import { Dexie } from 'dexie';
import type { DocBlock, MemoryLibraryDb, SearchDoc, TermChunk } from './database.ts';
import {
  BLOCK_SIZE,
  readChunks,
  readPending,
  updateDocTable,
  type PackTables,
} from './search-packed.ts';
import { emptyColumn, POSTINGS_PER_CHUNK, repackTerm, type Column } from './search-repack.ts';
import { readMeta, writeMeta, type IndexMeta } from './search-stats.ts';

/**
 * Merging folds the pending forward rows into the packed rows (search-packed.ts). It reads the
 * packed rows of every term the pending memories have or had, which at 10,000 memories takes a
 * few hundred milliseconds; in one read-write transaction every save meanwhile would wait behind
 * it (saves write searchDocs and kv). So a merge is planned in read-only transactions — the long
 * read in one over the packed tables alone, which saves never touch — and written in a short
 * read-write transaction that first checks nothing it planned from has changed, planning again
 * if something has.
 */

/** Plans tried before merging in one transaction that cannot go stale. */
const ATTEMPTS = 3;

/** A merge worked out from the rows read, ready to write. */
export interface MergePlan {
  /** The merge generation the plan was read at; a merge elsewhere since makes it stale. */
  gen: number;
  /** The pending forward rows as read: the plan holds only while they are unchanged. */
  docs: SearchDoc[];
  put: TermChunk[];
  remove: [string, number][];
  blocks: DocBlock[];
}

/** Per term: the memories whose postings go (all of `docs`), and the postings that come in. */
interface TermChanges {
  drop: Map<string, Set<number>>;
  add: Map<string, Column>;
}

function termChanges(docs: readonly SearchDoc[]): TermChanges {
  const drop = new Map<string, Set<number>>();
  const add = new Map<string, Column>();
  const dropFrom = (term: string, ord: number) => {
    const ords = drop.get(term);
    if (ords) ords.add(ord);
    else drop.set(term, new Set([ord]));
  };
  for (const doc of docs) {
    // Old postings go from every term the memory had or has, so a merge is idempotent.
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
  return { drop, add };
}

/** The packed rows a merge of `docs` rewrites (read in the caller's transaction). */
async function readAffected(
  tables: Pick<PackTables, 'searchTerms' | 'searchBlocks'>,
  docs: readonly SearchDoc[],
  terms: readonly string[],
): Promise<{ blocks: DocBlock[]; chunks: TermChunk[][] }> {
  const numbers = [...new Set(docs.map((doc) => Math.floor(doc.ord / BLOCK_SIZE)))];
  const [rows, ...chunks] = await Promise.all([
    tables.searchBlocks.bulkGet(numbers),
    ...terms.map((term) => readChunks(tables, term, false)),
  ]);
  const blocks = numbers.map(
    (block, i): DocBlock =>
      rows[i] ?? {
        block,
        ids: [],
        len: new Uint32Array(BLOCK_SIZE),
        at: new Float64Array(BLOCK_SIZE),
      },
  );
  return { blocks, chunks };
}

/** The rows to write: each term repacked, each block with the pending memories' slots set. */
function makePlan(
  gen: number,
  docs: SearchDoc[],
  changes: TermChanges,
  read: { blocks: DocBlock[]; chunks: TermChunk[][] },
  chunkSize: number,
): MergePlan {
  const put: TermChunk[] = [];
  const remove: [string, number][] = [];
  [...changes.drop.keys()].forEach((term, i) => {
    const column = changes.add.get(term) ?? emptyColumn();
    const change = repackTerm(term, read.chunks[i]!, changes.drop.get(term)!, column, chunkSize);
    put.push(...change.put);
    for (const chunk of change.remove) remove.push([term, chunk]);
  });
  const blocks = new Map(
    read.blocks.map((row) => [
      row.block,
      { block: row.block, ids: [...row.ids], len: row.len.slice(), at: row.at.slice() },
    ]),
  );
  for (const doc of docs) {
    const block = blocks.get(Math.floor(doc.ord / BLOCK_SIZE))!;
    const slot = doc.ord % BLOCK_SIZE;
    while (block.ids.length <= slot) block.ids.push('');
    block.ids[slot] = doc.deleted ? '' : doc.entryId;
    block.len[slot] = doc.deleted ? 0 : doc.len;
    block.at[slot] = doc.deleted ? 0 : doc.at;
  }
  return { gen, docs, put, remove, blocks: [...blocks.values()] };
}

/** Read and plan a merge of `docs` in the caller's transaction over the packed tables. */
async function planIn(
  tables: Pick<PackTables, 'searchTerms' | 'searchBlocks'>,
  docs: SearchDoc[],
  gen: number,
  chunkSize: number,
): Promise<MergePlan> {
  const changes = termChanges(docs);
  const read = await readAffected(tables, docs, [...changes.drop.keys()]);
  return makePlan(gen, docs, changes, read, chunkSize);
}

/** Write a plan that is current (call inside a rw transaction over PackTables). */
async function writePlan(tables: PackTables, plan: MergePlan, meta: IndexMeta): Promise<void> {
  const merged: SearchDoc[] = [];
  const gone: string[] = [];
  for (const { pending: _pending, ...doc } of plan.docs) {
    if (doc.deleted) gone.push(doc.entryId);
    else merged.push({ ...doc, packed: doc.terms });
  }
  // Memories saved since the plan stay pending, and counted.
  const pending = Math.max(0, meta.pending - plan.docs.length);
  await Promise.all([
    tables.searchTerms.bulkDelete(plan.remove),
    tables.searchTerms.bulkPut(plan.put),
    tables.searchBlocks.bulkPut(plan.blocks),
    tables.searchDocs.bulkDelete(gone),
    tables.searchDocs.bulkPut(merged),
    writeMeta(tables, { ...meta, pending, gen: plan.gen + 1 }),
  ]);
}

/**
 * Fold every pending forward row into the packed rows, all inside the caller's rw transaction
 * over PackTables (the version upgrade). Returns what was written, or undefined if nothing was
 * pending.
 */
export async function mergePendingIn(
  tables: PackTables,
  chunkSize = POSTINGS_PER_CHUNK,
): Promise<MergePlan | undefined> {
  const [pending, meta] = await Promise.all([readPending(tables), readMeta(tables)]);
  if (pending.size === 0) return undefined;
  const plan = await planIn(tables, [...pending.values()], meta.gen, chunkSize);
  await writePlan(tables, plan, meta);
  return plan;
}

/** Plan a merge of the memories pending now, in read-only transactions; undefined if none. */
export async function planMerge(
  db: MemoryLibraryDb,
  chunkSize = POSTINGS_PER_CHUNK,
): Promise<MergePlan | undefined> {
  // Short: the one read that shares tables with saves.
  const { pending, gen } = await Dexie.ignoreTransaction(() =>
    db.transaction('r', [db.searchDocs, db.kv], async () => {
      const [pending, meta] = await Promise.all([readPending(db), readMeta(db)]);
      return { pending, gen: meta.gen };
    }),
  );
  if (pending.size === 0) return undefined;
  // Long: only merges write these tables, so saves go on meanwhile. A merge that lands in
  // between (another tab) moves `gen`, and applyMerge refuses the plan.
  return Dexie.ignoreTransaction(() =>
    db.transaction('r', [db.searchTerms, db.searchBlocks], () =>
      planIn(db, [...pending.values()], gen, chunkSize),
    ),
  );
}

/**
 * Write a plan in one short rw transaction if it is still current: no merge since, and every
 * memory it folds in still pending with the row it was planned from. A memory saved since is
 * left pending; one edited or trashed since makes the plan stale (false), nothing written.
 */
export async function applyMerge(db: MemoryLibraryDb, plan: MergePlan): Promise<boolean> {
  const tables = [db.searchTerms, db.searchBlocks, db.searchDocs, db.kv];
  const applied = await Dexie.ignoreTransaction(() =>
    db.transaction('rw', tables, async () => {
      const [meta, docs] = await Promise.all([
        readMeta(db),
        db.searchDocs.bulkGet(plan.docs.map((doc) => doc.entryId)),
      ]);
      const current =
        meta.gen === plan.gen &&
        docs.every((doc, i) => JSON.stringify(doc) === JSON.stringify(plan.docs[i]));
      if (current) await writePlan(db, plan, meta);
      return current;
    }),
  );
  if (applied) updateDocTable(db, plan.gen, plan.gen + 1, plan.blocks, plan);
  return applied;
}

/** Fold the pending memories into the packed rows now; how many were folded in. */
export async function mergePending(
  db: MemoryLibraryDb,
  chunkSize = POSTINGS_PER_CHUNK,
): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const plan = await planMerge(db, chunkSize);
    if (!plan) return 0;
    if (await applyMerge(db, plan)) return plan.docs.length;
  }
  // The same memories kept changing under the plans: merge in one transaction, which cannot go
  // stale (saves wait behind it this once).
  const tables = [db.searchTerms, db.searchBlocks, db.searchDocs, db.kv];
  const plan = await Dexie.ignoreTransaction(() =>
    db.transaction('rw', tables, () => mergePendingIn(db, chunkSize)),
  );
  if (!plan) return 0;
  updateDocTable(db, plan.gen, plan.gen + 1, plan.blocks, plan);
  return plan.docs.length;
}
