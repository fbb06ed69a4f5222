import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { documentTerms, queryUnits, unitMatches } from '#shared/search/tokenize';
import { createDatabase, type MemoryLibraryDb } from './database.ts';
import { editMemory, saveMemory } from './memories.ts';
import { readStats, searchableText } from './search-index.ts';
import { applyMerge, mergePending, planMerge, type MergePlan } from './search-merge.ts';
import { relatedInIndex, searchIndex } from './search-query.ts';
import { setAutomaticMerging } from './search-schedule.ts';
import { BLOCK_SIZE } from './search-packed.ts';
import { deleteForever, moveToTrash, restoreFromTrash } from './trash.ts';

let db: MemoryLibraryDb;
beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const now = new Date('2025-03-01T13:00:00.000Z');
const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T21:00:00.000+08:00`;
const ids = async (query: string) => (await searchIndex(db, query)).map((r) => r.entryId);

describe('search index', () => {
  it('finds a memory by a two-character Chinese word, exactly', async () => {
    const a = await saveMemory(db, { text: '今天和外婆一起做了桂花糕' }, now);
    await saveMemory(db, { text: '外面下雨了，婆娑的树影' }, now);
    expect(await ids('外婆')).toEqual([a.id]);
    expect(await ids('桂花糕')).toEqual([a.id]);
  });

  it('finds English words case- and width-insensitively, the last word by prefix', async () => {
    const a = await saveMemory(db, { text: 'Walked with GRANDMA to the station' }, now);
    expect(await ids('grandma')).toEqual([a.id]);
    expect(await ids('ｇｒａｎｄｍａ')).toEqual([a.id]);
    expect(await ids('walked gran')).toEqual([a.id]);
    expect(await ids('gran ')).toEqual([]);
  });

  it('ranks by BM25 and newer first among equals', async () => {
    const older = await saveMemory(db, { text: 'rain', writtenAt: at(1) }, now);
    const newer = await saveMemory(db, { text: 'rain', writtenAt: at(2) }, now);
    const more = await saveMemory(db, { text: 'rain rain rain', writtenAt: at(3) }, now);
    await saveMemory(db, { text: 'sunny and warm with no clouds anywhere', writtenAt: at(4) }, now);
    expect(await ids('rain')).toEqual([more.id, newer.id, older.id]);
  });

  it('follows edits, the Trash and deletion without a rebuild', async () => {
    const memory = await saveMemory(db, { text: 'a blue kite' }, now);
    await editMemory(db, memory.id, { text: 'a red kite' }, now);
    expect(await ids('blue')).toEqual([]);
    expect(await ids('red')).toEqual([memory.id]);
    await moveToTrash(db, memory.id, now);
    expect(await ids('kite')).toEqual([]);
    await restoreFromTrash(db, memory.id, now);
    expect(await ids('kite')).toEqual([memory.id]);
    await moveToTrash(db, memory.id, now);
    await deleteForever(db, memory.id);
    expect(await readStats(db)).toEqual({ docCount: 0, totalLength: 0 });
    await mergePending(db);
    expect(await db.searchTerms.count()).toBe(0);
    expect(await db.searchDocs.count()).toBe(0);
  });

  it('finds tags', async () => {
    const memory = await saveMemory(db, { text: 'Nothing much.', tags: ['summer'] }, now);
    expect(await ids('summer')).toEqual([memory.id]);
  });

  it('lists related memories by shared words, not the memory itself', async () => {
    const a = await saveMemory(db, { text: '和外婆做桂花糕' }, now);
    const b = await saveMemory(db, { text: '外婆的桂花糕最好吃' }, now);
    await saveMemory(db, { text: 'Completely unrelated English words' }, now);
    const related = await relatedInIndex(db, a.id);
    expect(related.map((r) => r.entryId)).toEqual([b.id]);
  });
});

/** The reference: every live memory whose terms satisfy every unit of the query. */
function naiveSearch(live: Map<string, string>, query: string): Set<string> {
  const units = queryUnits(query);
  const found = new Set<string>();
  if (units.length === 0) return found;
  for (const [id, text] of live) {
    const terms = [...documentTerms(text).terms.keys()];
    if (units.every((unit) => terms.some((term) => unitMatches(unit, term)))) found.add(id);
  }
  return found;
}

/** After a full merge: no row pending, and each term's packed rows list exactly its memories. */
async function expectPackedMatchesLive(store: MemoryLibraryDb, live: Map<string, string>) {
  expect(await store.searchDocs.where('pending').equals(1).count()).toBe(0);
  const expected = new Map<string, string[]>();
  for (const [id, text] of live) {
    for (const term of documentTerms(text).terms.keys()) {
      expected.set(term, [...(expected.get(term) ?? []), id]);
    }
  }
  const ids = new Map<number, string>();
  for (const block of await store.searchBlocks.toArray()) {
    block.ids.forEach((id, slot) => ids.set(block.block * BLOCK_SIZE + slot, id));
  }
  const packed = new Map<string, string[]>();
  for (const chunk of await store.searchTerms.toArray()) {
    expect(chunk.ords.length).toBeGreaterThan(0);
    expect(chunk.ords.length).toBeLessThanOrEqual(3);
    const terms = Array.from(chunk.ords, (ord) => ids.get(ord)!);
    packed.set(chunk.term, [...(packed.get(chunk.term) ?? []), ...terms]);
  }
  const sorted = (map: Map<string, string[]>) =>
    [...map].map(([term, list]) => [term, [...list].sort()]).sort();
  expect(sorted(packed)).toEqual(sorted(expected));
  expect((await store.searchDocs.toArray()).map((doc) => doc.entryId).sort()).toEqual(
    [...live.keys()].sort(),
  );
}

const WORDS = [
  '雨',
  '外婆',
  '桂花糕',
  '下雨',
  'rain',
  'Rain',
  'rainy',
  'kite',
  'grandma',
  '和',
  'Lin',
];
const textArb = fc
  .tuple(
    fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
    fc.constantFrom(' ', '', '，'),
  )
  .map(([words, separator]) => words.join(separator));
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('save' as const), text: textArb }),
  fc.record({ kind: fc.constant('edit' as const), target: fc.nat(), text: textArb }),
  fc.record({ kind: fc.constant('trash' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), target: fc.nat() }),
  // Fold the pending memories into packed rows this small, so rows fill, split and empty.
  fc.record({ kind: fc.constant('merge' as const), chunkSize: fc.integer({ min: 1, max: 3 }) }),
  // A merge planned now and written at the next 'apply', with saves, edits and deletes racing it.
  fc.record({ kind: fc.constant('plan' as const), chunkSize: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('apply' as const) }),
);

/** The memories as the app should see them, beside the store under test. */
interface Model {
  live: Map<string, string>;
  trashed: Map<string, string>;
  all: string[];
}

type Op =
  | { kind: 'save'; text: string }
  | { kind: 'edit'; target: number; text: string }
  | { kind: 'trash' | 'restore'; target: number };

/** Apply a save, edit, trash or restore to the store and the model alike. */
async function applyOp(store: MemoryLibraryDb, model: Model, op: Op): Promise<void> {
  const { live, trashed, all } = model;
  if (op.kind === 'save') {
    const memory = await saveMemory(store, { text: op.text }, now);
    all.push(memory.id);
    live.set(memory.id, op.text);
    return;
  }
  if (all.length === 0) return;
  const id = all[op.target % all.length]!;
  if (op.kind === 'edit') {
    await editMemory(store, id, { text: op.text }, now);
    if (live.has(id)) live.set(id, op.text);
    else trashed.set(id, op.text);
  } else if (op.kind === 'trash' && live.has(id)) {
    await moveToTrash(store, id, now);
    trashed.set(id, live.get(id)!);
    live.delete(id);
  } else if (op.kind === 'restore' && trashed.has(id)) {
    await restoreFromTrash(store, id, now);
    live.set(id, trashed.get(id)!);
    trashed.delete(id);
  }
}

const memoryOpArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('save' as const), text: textArb }),
  fc.record({ kind: fc.constant('edit' as const), target: fc.nat(), text: textArb }),
  fc.record({ kind: fc.constant('trash' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), target: fc.nat() }),
);
const queriesArb = fc.array(fc.constantFrom(...WORDS, 'ra', '外', '花糕', 'kite rain', 'gr'), {
  minLength: 1,
  maxLength: 4,
});

async function expectSearchMatches(store: MemoryLibraryDb, model: Model, queries: string[]) {
  for (const query of queries) {
    const found = (await searchIndex(store, query)).map((r) => r.entryId);
    // Exactly once each: a memory half-way through a merge must not come from both halves.
    expect(found.length).toBe(new Set(found).size);
    expect(new Set(found)).toEqual(naiveSearch(model.live, query));
  }
}

/** Statistics exact, the same answers after a full merge, and packed rows as the live memories. */
async function expectConsistent(store: MemoryLibraryDb, model: Model, queries: string[]) {
  await expectSearchMatches(store, model, queries);
  const stats = await readStats(store);
  expect(stats.docCount).toBe(model.live.size);
  const lengths = [...model.live.values()].map(
    (text) => documentTerms(searchableText({ text, tags: [], catalog: null })).length,
  );
  expect(stats.totalLength).toBe(lengths.reduce((a, b) => a + b, 0));
  const before = await Promise.all(queries.map((query) => searchIndex(store, query)));
  await mergePending(store, { chunkSize: 2 });
  const after = await Promise.all(queries.map((query) => searchIndex(store, query)));
  expect(after).toEqual(before);
  await expectPackedMatchesLive(store, model.live);
}

describe('index/search consistency (property)', () => {
  // Merges happen where the ops say, not when a timer fires.
  beforeAll(() => setAutomaticMerging(false));
  afterAll(() => setAutomaticMerging(true));

  it('after any edits, deletes and merges (racing ones too), search finds exactly the matching memories', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 14 }),
        queriesArb,
        async (ops, queries) => {
          const store = createDatabase(`prop-${crypto.randomUUID()}`);
          try {
            const model: Model = { live: new Map(), trashed: new Map(), all: [] };
            let plan: MergePlan | undefined;
            for (const op of ops) {
              if (op.kind === 'merge') {
                await mergePending(store, { chunkSize: op.chunkSize });
              } else if (op.kind === 'plan') {
                plan = await planMerge(store, { chunkSize: op.chunkSize });
              } else if (op.kind === 'apply') {
                if (plan) await applyMerge(store, plan);
                plan = undefined;
              } else {
                await applyOp(store, model, op);
              }
            }
            await expectConsistent(store, model, queries);
          } finally {
            await store.delete();
          }
        },
      ),
      { numRuns: 60 },
    );
    // Sixty random histories: seconds on a busy machine.
  }, 30_000);

  it('a search between any two steps of a merge, with saves, edits, deletes and other merges racing it, finds each matching memory once', async () => {
    const duringArb = fc.oneof(
      { weight: 4, arbitrary: memoryOpArb },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(memoryOpArb, fc.constant({ kind: 'merge' as const })), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.array(duringArb, { maxLength: 16 }),
        fc.integer({ min: 1, max: 3 }),
        queriesArb,
        async (setup, during, chunkSize, queries) => {
          const store = createDatabase(`steps-${crypto.randomUUID()}`);
          try {
            const model: Model = { live: new Map(), trashed: new Map(), all: [] };
            for (const op of setup) {
              if (op.kind === 'merge') await mergePending(store, { chunkSize });
              else await applyOp(store, model, op);
            }
            const racing = [...during];
            // Tiny steps, so rows are written over many transactions with ops in between.
            await mergePending(store, {
              chunkSize,
              stepDocs: 1,
              stepPostings: 1,
              between: async () => {
                await expectSearchMatches(store, model, queries);
                const op = racing.shift();
                if (op?.kind === 'merge') await mergePending(store, { chunkSize });
                else if (op) await applyOp(store, model, op);
                await expectSearchMatches(store, model, queries);
              },
            });
            await expectConsistent(store, model, queries);
          } finally {
            await store.delete();
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
