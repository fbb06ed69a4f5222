import { Dexie, type Table } from 'dexie';
import type { DocBlock, MemoryLibraryDb, SearchDoc, TermChunk } from './database.ts';
import { forwardRowsWritten } from './pending-rows-cache.ts';
import { BLOCK_SIZE, readChunks, updateDocTable } from './search-packed.ts';
import { emptyColumn, POSTINGS_PER_CHUNK, repackTerm, type Column } from './search-repack.ts';
import { readMeta, writeMeta, type IndexMeta } from './search-stats.ts';

/**
 * Merging folds the pending forward rows into the packed rows (search-packed.ts) in many short
 * transactions with a pause between them, so a save (which writes searchDocs and kv) never waits
 * behind more than a millisecond or two of index writing, and the page's thread stays free:
 *
 * 1. claim: take the merge token in the index meta. A later claim, in this tab or another,
 *    supersedes it; every later step checks the token in its own transaction and stops if so.
 * 2. widen, a few rows at a time: each pending row's `packed` gains its terms. From then on
 *    `packed` names every term whose packed rows may hold the memory even if this merge stops
 *    half-way (tab closed, superseded), so the next merge drops those postings again.
 * 3. plan, read-only: a term only gaining postings has its last row read and appended to; a term
 *    that held a pending memory before (its `packed` before widening) has all its rows read and
 *    the old posting dropped.
 * 4. write each term's new rows (a term's rows in one transaction), a group of terms at a time.
 * 5. write the block rows, bumping `gen` so cached block tables are read again.
 * 6. commit, a few rows at a time: a memory whose row is as widened stops being pending; one
 *    edited or trashed meanwhile stays pending, its `packed` still covering what was written.
 *
 * Search stays exact at every step: the packed postings of a pending memory are ignored and its
 * forward row read instead (collectPostings), so steps 2–5 change no answer, and step 6 turns a
 * memory over to the packed rows only once all its postings and its block slot are written.
 */

/** Forward rows widened or committed per transaction. */
const DOCS_PER_STEP = 8;
/** Postings written per transaction (6 bytes each): about 12 KB, a millisecond or two. */
const POSTINGS_PER_STEP = 2048;
/** Terms whose rows one read-only transaction of the plan reads. */
const TERMS_PER_READ = 64;

export interface MergeOptions {
  /** Postings per packed row (tests use tiny rows so rows fill, split and empty). */
  chunkSize?: number;
  /** Awaited between steps; by default a macrotask, so saves and input run in between. */
  between?: () => Promise<void>;
  /** Rows per widening or commit step and postings per write step (tests use tiny steps). */
  stepDocs?: number;
  stepPostings?: number;
}

/** A merge worked out from the rows read, ready to write. */
export interface MergePlan {
  /** The merge token claimed (search-stats `merging`); a later claim supersedes it. */
  token: string;
  /** The forward rows as widened: a memory is committed only if its row is still this. */
  docs: SearchDoc[];
  /** Per term, its rows to put and the row numbers to delete: written together. */
  terms: { put: TermChunk[]; remove: [string, number][] }[];
  blocks: DocBlock[];
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function withDefaults(options: MergeOptions): Required<MergeOptions> {
  return {
    chunkSize: POSTINGS_PER_CHUNK,
    between: nextTask,
    stepDocs: DOCS_PER_STEP,
    stepPostings: POSTINGS_PER_STEP,
    ...options,
  };
}

/** Run `body` in a rw transaction over `tables` and kv if `token` still holds the merge. */
function step(
  db: MemoryLibraryDb,
  tables: Table[],
  token: string,
  body: (meta: IndexMeta) => Promise<IndexMeta | void>,
): Promise<boolean> {
  return Dexie.ignoreTransaction(() =>
    db.transaction('rw', [...tables, db.kv], async () => {
      const meta = await readMeta(db);
      if (meta.merging !== token) return false;
      const changed = await body(meta);
      if (changed) await writeMeta(db, changed);
      return true;
    }),
  );
}

/** Per term: the memories whose old postings go, and the postings that come in. */
interface TermChanges {
  drop: Map<string, Set<number>>;
  add: Map<string, Column>;
}

/** From the rows as they were before widening: their `packed` is where old postings are. */
function termChanges(docs: readonly SearchDoc[]): TermChanges {
  const drop = new Map<string, Set<number>>();
  const add = new Map<string, Column>();
  for (const doc of docs) {
    for (const term of doc.packed) {
      const ords = drop.get(term);
      if (ords) ords.add(doc.ord);
      else drop.set(term, new Set([doc.ord]));
    }
    if (doc.deleted) continue;
    doc.terms.forEach((term, i) => {
      let column = add.get(term);
      if (!column) add.set(term, (column = emptyColumn()));
      column.ords.push(doc.ord);
      column.tf.push(doc.tfs[i]!);
    });
  }
  return { drop, add };
}

/** A term's rows a merge rewrites: all of them if it drops postings, else only the last. */
async function readTermRows(
  db: MemoryLibraryDb,
  term: string,
  dropping: boolean,
): Promise<TermChunk[]> {
  if (dropping) return readChunks(db, term, false);
  const last = await db.searchTerms
    .where('[term+chunk]')
    .between([term, Dexie.minKey], [term, Dexie.maxKey], true, true)
    .last();
  return last ? [last] : [];
}

async function readBlocks(db: MemoryLibraryDb, docs: readonly SearchDoc[]): Promise<DocBlock[]> {
  const numbers = [...new Set(docs.map((doc) => Math.floor(doc.ord / BLOCK_SIZE)))];
  const rows = await Dexie.ignoreTransaction(() =>
    db.transaction('r', db.searchBlocks, () => db.searchBlocks.bulkGet(numbers)),
  );
  const blocks = numbers.map((block, i) => {
    const row = rows[i];
    return row
      ? { block, ids: [...row.ids], len: row.len.slice(), at: row.at.slice() }
      : { block, ids: [], len: new Uint32Array(BLOCK_SIZE), at: new Float64Array(BLOCK_SIZE) };
  });
  const byNumber = new Map(blocks.map((block) => [block.block, block]));
  for (const doc of docs) {
    const block = byNumber.get(Math.floor(doc.ord / BLOCK_SIZE))!;
    const slot = doc.ord % BLOCK_SIZE;
    while (block.ids.length <= slot) block.ids.push('');
    block.ids[slot] = doc.deleted ? '' : doc.entryId;
    block.len[slot] = doc.deleted ? 0 : doc.len;
    block.at[slot] = doc.deleted ? 0 : doc.at;
  }
  return blocks;
}

/** Steps 1–2: claim the merge and widen the pending rows; the rows as they were before. */
async function claim(
  db: MemoryLibraryDb,
  token: string,
  { between, stepDocs }: Required<MergeOptions>,
): Promise<{ before: SearchDoc[]; widened: SearchDoc[] }> {
  const ids = await Dexie.ignoreTransaction(() =>
    db.transaction('rw', [db.searchDocs, db.kv], async () => {
      const [ids, meta] = await Promise.all([
        db.searchDocs.where('pending').equals(1).primaryKeys(),
        readMeta(db),
      ]);
      if (ids.length > 0) await writeMeta(db, { ...meta, merging: token });
      return ids;
    }),
  );
  const before: SearchDoc[] = [];
  const widened: SearchDoc[] = [];
  for (let start = 0; start < ids.length; start += stepDocs) {
    if (start > 0) await between();
    const group = ids.slice(start, start + stepDocs);
    const puts: SearchDoc[] = [];
    let rev = 0;
    const held = await step(db, [db.searchDocs], token, async (meta) => {
      const rows = await db.searchDocs.bulkGet(group);
      for (const row of rows) {
        // Gone (deleted before it was ever merged) or merged since: nothing to do.
        if (!row?.pending) continue;
        const packed = new Set(row.packed);
        const missing = row.terms.filter((term) => !packed.has(term));
        const wide = missing.length > 0 ? { ...row, packed: [...row.packed, ...missing] } : row;
        before.push(row);
        widened.push(wide);
        if (wide !== row) puts.push(wide);
      }
      if (puts.length === 0) return;
      await db.searchDocs.bulkPut(puts);
      rev = meta.rev;
      return { ...meta, rev: rev + 1 };
    });
    if (!held) return { before: [], widened: [] };
    if (puts.length > 0) forwardRowsWritten(db, rev, rev + 1, { pending: puts });
  }
  return { before, widened };
}

/**
 * Steps 1–3: claim a merge of the memories pending now and plan it; undefined if none is pending
 * or a later merge superseded this one meanwhile.
 */
export async function planMerge(
  db: MemoryLibraryDb,
  options: MergeOptions = {},
): Promise<MergePlan | undefined> {
  const steps = withDefaults(options);
  const { chunkSize, between } = steps;
  const token = crypto.randomUUID();
  const { before, widened } = await claim(db, token, steps);
  if (before.length === 0) return undefined;
  const changes = termChanges(before);
  const names = [...new Set([...changes.drop.keys(), ...changes.add.keys()])];
  const terms: MergePlan['terms'] = [];
  for (let start = 0; start < names.length; start += TERMS_PER_READ) {
    await between();
    const batch = names.slice(start, start + TERMS_PER_READ);
    // Only the token holder writes these tables, so reading them over several transactions
    // sees one state (and if a later merge takes over, this one's writes are refused anyway).
    const rows = await Dexie.ignoreTransaction(() =>
      db.transaction('r', db.searchTerms, () =>
        Promise.all(batch.map((term) => readTermRows(db, term, changes.drop.has(term)))),
      ),
    );
    batch.forEach((term, i) => {
      const drop = changes.drop.get(term) ?? new Set<number>();
      const add = changes.add.get(term) ?? emptyColumn();
      const change = repackTerm(term, rows[i]!, drop, add, chunkSize);
      if (change.put.length === 0 && change.remove.length === 0) return;
      terms.push({ put: change.put, remove: change.remove.map((chunk) => [term, chunk]) });
    });
  }
  await between();
  return { token, docs: widened, terms, blocks: await readBlocks(db, before) };
}

/** Groups of terms of about `size` postings; a term is never split. */
function termGroups(terms: MergePlan['terms'], size: number): MergePlan['terms'][] {
  const groups: MergePlan['terms'][] = [];
  let group: MergePlan['terms'] = [];
  let postings = 0;
  for (const term of terms) {
    group.push(term);
    postings += term.remove.length + term.put.reduce((sum, row) => sum + row.ords.length, 0);
    if (postings >= size) {
      groups.push(group);
      group = [];
      postings = 0;
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * Steps 4–6: write a plan; how many memories it folded in, or false if a later merge superseded
 * it (what was written stays covered by the widened rows; that merge or the next finishes).
 */
export async function applyMerge(
  db: MemoryLibraryDb,
  plan: MergePlan,
  options: MergeOptions = {},
): Promise<number | false> {
  const { between, stepDocs, stepPostings } = withDefaults(options);
  for (const group of termGroups(plan.terms, stepPostings)) {
    const held = await step(db, [db.searchTerms], plan.token, async () => {
      await Promise.all([
        db.searchTerms.bulkDelete(group.flatMap((term) => term.remove)),
        db.searchTerms.bulkPut(group.flatMap((term) => term.put)),
      ]);
    });
    if (!held) return false;
    await between();
  }
  let gen = 0;
  const blocksWritten = await step(db, [db.searchBlocks], plan.token, async (meta) => {
    gen = meta.gen;
    await db.searchBlocks.bulkPut(plan.blocks);
    return { ...meta, gen: gen + 1 };
  });
  if (!blocksWritten) return false;
  // The librarian's cached term rows follow this merge instead of being read again.
  updateDocTable(db, gen, gen + 1, plan.blocks, {
    put: plan.terms.flatMap((term) => term.put),
    remove: plan.terms.flatMap((term) => term.remove),
  });
  let folded = 0;
  for (let start = 0; start < plan.docs.length; start += stepDocs) {
    await between();
    const group = plan.docs.slice(start, start + stepDocs);
    const last = start + stepDocs >= plan.docs.length;
    const merged: SearchDoc[] = [];
    const gone: string[] = [];
    let rev = 0;
    const held = await step(db, [db.searchDocs], plan.token, async (meta) => {
      const rows = await db.searchDocs.bulkGet(group.map((doc) => doc.entryId));
      group.forEach((planned, i) => {
        // Changed since it was widened: it stays pending and the next merge takes it.
        if (JSON.stringify(rows[i]) !== JSON.stringify(planned)) return;
        const { pending: _pending, ...doc } = planned;
        if (doc.deleted) gone.push(doc.entryId);
        else merged.push({ ...doc, packed: doc.terms });
      });
      await Promise.all([db.searchDocs.bulkDelete(gone), db.searchDocs.bulkPut(merged)]);
      folded += merged.length + gone.length;
      const { merging: _merging, ...rest } = meta;
      const pending = Math.max(0, meta.pending - merged.length - gone.length);
      rev = meta.rev;
      return { ...(last ? rest : meta), pending, rev: rev + 1 };
    });
    if (!held) return false;
    const settled = [...merged.map((doc) => doc.entryId), ...gone];
    forwardRowsWritten(db, rev, rev + 1, { settled });
  }
  return folded;
}

/**
 * Fold the pending memories into the packed rows now, in steps; how many were folded in (a
 * memory changed meanwhile stays pending for the next merge).
 */
export async function mergePending(
  db: MemoryLibraryDb,
  options: MergeOptions = {},
): Promise<number> {
  const plan = await planMerge(db, options);
  return (plan && (await applyMerge(db, plan, options))) || 0;
}
