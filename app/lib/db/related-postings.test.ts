import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryIndex } from '#shared/device-librarian/memory-index';
import { findRelated, type PostingSource } from '#shared/device-librarian/related';
import { createDatabase, type Memory, type MemoryLibraryDb } from './database.ts';
import { editMemory, saveMemory } from './memories.ts';
import { createIndexPostingSource } from './related-postings.ts';
import { mergePending } from './search-merge.ts';
import { moveToTrash } from './trash.ts';
import { setAutomaticMerging } from './search-schedule.ts';

const now = new Date('2025-03-01T13:00:00.000Z');

const TEXTS = [
  '和外婆在老家做桂花糕，厨房里都是香味。',
  '外婆打电话问我桂花糕还做不做。',
  'Rain all day at the station; Lin said it would pass.',
  'Lin and I waited at the station for the last train.',
  '论文又被导师退回来了，我很焦虑。',
  '导师说论文的第三章要重写。',
  'Baked bread with Sam at the old flat, rain on the windows.',
  '一个人在海边走了很久，想起外婆。',
];

let db: MemoryLibraryDb;
let saved: Memory[];
beforeAll(() => setAutomaticMerging(false));
afterAll(() => setAutomaticMerging(true));
beforeEach(async () => {
  db = createDatabase(`related-postings-${crypto.randomUUID()}`);
  saved = [];
  for (const [i, text] of TEXTS.entries()) {
    const writtenAt = `2025-02-${String(i + 10)}T09:00:00.000+08:00`;
    saved.push(await saveMemory(db, { text, writtenAt }, now));
    if (i === 4) await mergePending(db); // some packed, some pending
  }
});
afterEach(async () => {
  await db.delete();
});

/** The same memories in memory: what the IndexedDB source must agree with. */
function reference(memories: readonly Memory[]): PostingSource {
  return createMemoryIndex(
    memories.map((memory) => ({ id: memory.id, text: memory.text, at: memory.writtenAtMs })),
  );
}

async function relatedBoth(text: string, excludeId: string, memories: readonly Memory[]) {
  const options = { excludeId, limit: 8 };
  return {
    indexed: await findRelated(text, createIndexPostingSource(db), options),
    inMemory: await findRelated(text, reference(memories), options),
  };
}

describe('the on-device librarian’s postings from IndexedDB', () => {
  it('finds what the in-memory index finds, for every memory, reading only the rarest terms', async () => {
    for (const memory of saved) {
      const { indexed, inMemory } = await relatedBoth(memory.text, memory.id, saved);
      expect(indexed).toEqual(inMemory);
    }
  });

  it('reads no packed rows again while nothing was merged, nor after a merge made here', async () => {
    const [memory] = saved;
    await findRelated(memory!.text, createIndexPostingSource(db), { excludeId: memory!.id });
    const reads = vi.spyOn(db.searchTerms, 'where');
    await findRelated(memory!.text, createIndexPostingSource(db), { excludeId: memory!.id });
    expect(reads).not.toHaveBeenCalled();

    // The merge hands the rows it wrote to the cache, which stays exact without reading them.
    const edited = await editMemory(db, saved[1]!.id, { text: '在地铁上睡着了。' }, now);
    await mergePending(db);
    reads.mockClear(); // the merge's own reads
    const after = saved.map((other) => (other.id === edited.id ? edited : other));
    const { indexed, inMemory } = await relatedBoth(memory!.text, memory!.id, after);
    expect(reads).not.toHaveBeenCalled();
    expect(indexed).toEqual(inMemory);
    expect(indexed.map((found) => found.entryId)).not.toContain(edited.id);
  });

  it('reads the packed rows again after a merge made elsewhere (another tab)', async () => {
    const [memory] = saved;
    await findRelated(memory!.text, createIndexPostingSource(db), { excludeId: memory!.id });
    const elsewhere = createDatabase(db.name);
    const edited = await editMemory(elsewhere, saved[1]!.id, { text: '在地铁上睡着了。' }, now);
    await mergePending(elsewhere);
    elsewhere.close();
    const reads = vi.spyOn(db.searchTerms, 'where');
    const after = saved.map((other) => (other.id === edited.id ? edited : other));
    const { indexed, inMemory } = await relatedBoth(memory!.text, memory!.id, after);
    expect(reads).toHaveBeenCalled();
    expect(indexed).toEqual(inMemory);
  });

  it('gives what an uncached read gives through any saves, edits, trashing and merges', async () => {
    const textArb = fc
      .array(fc.constantFrom(...TEXTS), { minLength: 1, maxLength: 2 })
      .map((texts) => texts.join(' '));
    const opArb = fc.oneof(
      fc.record({ kind: fc.constant('save' as const), text: textArb }),
      fc.record({ kind: fc.constant('edit' as const), target: fc.nat(), text: textArb }),
      fc.record({ kind: fc.constant('trash' as const), target: fc.nat() }),
      // Packed rows this small split, refill and empty the rows the cache holds.
      fc.record({ kind: fc.constant('merge' as const), chunkSize: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('merge elsewhere' as const) }),
      fc.record({ kind: fc.constant('edit elsewhere' as const), target: fc.nat(), text: textArb }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        const store = createDatabase(`related-postings-${crypto.randomUUID()}`);
        const live = new Map<string, Memory>();
        for (const text of TEXTS) {
          const memory = await saveMemory(store, { text }, now);
          live.set(memory.id, memory);
        }
        await mergePending(store);
        const ids = [...live.keys()];
        for (const op of ops) {
          const id = ids[('target' in op ? op.target : 0) % ids.length]!;
          if (op.kind === 'save') {
            const memory = await saveMemory(store, { text: op.text }, now);
            ids.push(memory.id);
            live.set(memory.id, memory);
          } else if (op.kind === 'edit' && live.has(id)) {
            live.set(id, await editMemory(store, id, { text: op.text }, now));
          } else if (op.kind === 'trash' && live.has(id)) {
            await moveToTrash(store, id, now);
            live.delete(id);
          } else if (op.kind === 'merge') {
            await mergePending(store, { chunkSize: op.chunkSize, stepDocs: 2, stepPostings: 3 });
          } else if (op.kind === 'edit elsewhere' && live.has(id)) {
            const elsewhere = createDatabase(store.name);
            live.set(id, await editMemory(elsewhere, id, { text: op.text }, now));
            elsewhere.close();
          } else if (op.kind === 'merge elsewhere') {
            const elsewhere = createDatabase(store.name);
            await mergePending(elsewhere, { chunkSize: 2 });
            elsewhere.close();
          }
          // A second connection has no cache: it reads every row it needs.
          const uncached = createDatabase(store.name);
          for (const memory of [...live.values()].slice(-3)) {
            const options = { excludeId: memory.id, limit: 8 };
            const found = await findRelated(memory.text, createIndexPostingSource(store), options);
            const source = createIndexPostingSource(uncached);
            expect(found).toEqual(await findRelated(memory.text, source, options));
            expect(found).toEqual(
              await findRelated(memory.text, reference([...live.values()]), options),
            );
          }
          uncached.close();
        }
        await store.delete();
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('reads the pending rows once while saves and merges are made here, again after a save elsewhere', async () => {
    const [memory] = saved;
    const related = () =>
      findRelated(memory!.text, createIndexPostingSource(db), { excludeId: memory!.id });
    await related();
    const reads = vi.spyOn(db.searchDocs, 'where');
    const more = await saveMemory(db, { text: '外婆的桂花糕，车站的雨。' }, now);
    await mergePending(db, { stepDocs: 1 });
    const edited = await editMemory(db, saved[2]!.id, { text: 'Rain at the station again.' }, now);
    const found = await related();
    // Only the merge's own claim read them.
    expect(reads.mock.calls).toEqual([['pending']]);
    const current = [...saved.filter((other) => other.id !== edited.id), edited, more];
    expect(found).toEqual(
      await findRelated(memory!.text, reference(current), { excludeId: memory!.id }),
    );

    const elsewhere = createDatabase(db.name);
    const other = await saveMemory(elsewhere, { text: '外婆在车站等我。' }, now);
    elsewhere.close();
    reads.mockClear();
    const after = await related();
    expect(reads).toHaveBeenCalledWith('pending');
    expect(after).toEqual(
      await findRelated(memory!.text, reference([...current, other]), { excludeId: memory!.id }),
    );
  });

  it('sees an edit still pending over the packed rows it cached', async () => {
    const [memory] = saved;
    await findRelated(memory!.text, createIndexPostingSource(db), { excludeId: memory!.id });
    const edited = await editMemory(db, saved[0]!.id, { text: '和外婆在老家包饺子。' }, now);
    const after = saved.map((other) => (other.id === edited.id ? edited : other));
    const { indexed, inMemory } = await relatedBoth(saved[1]!.text, saved[1]!.id, after);
    expect(indexed).toEqual(inMemory);
  });

  it('gives every term it is asked for whole when not told to keep to the rarest', async () => {
    const source = createIndexPostingSource(db);
    const terms = ['外婆', '桂花', 'station', 'rain', 'absent'];
    const sorted = (postings: Map<string, { entryId: string }[]>) =>
      [...postings].map(([term, list]) => [term, list.map((p) => p.entryId).sort()]);
    expect(sorted(await source.postingsFor(terms))).toEqual(
      sorted(await reference(saved).postingsFor(terms)),
    );
    expect(await source.stats()).toEqual(await reference(saved).stats());
  });
});
