import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryIndex } from '#shared/device-librarian/memory-index';
import { findRelated, type PostingSource } from '#shared/device-librarian/related';
import { createDatabase, type Memory, type MemoryLibraryDb } from './database.ts';
import { editMemory, saveMemory } from './memories.ts';
import { createIndexPostingSource } from './related-postings.ts';
import { mergePending } from './search-merge.ts';
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

  it('reads no packed rows again while nothing was merged, and fresh ones after a merge', async () => {
    const [memory] = saved;
    await findRelated(memory!.text, createIndexPostingSource(db), { excludeId: memory!.id });
    const reads = vi.spyOn(db.searchTerms, 'where');
    await findRelated(memory!.text, createIndexPostingSource(db), { excludeId: memory!.id });
    expect(reads).not.toHaveBeenCalled();

    // A merge changes the packed rows: what was cached must not be used any more.
    const edited = await editMemory(db, saved[1]!.id, { text: '在地铁上睡着了。' }, now);
    await mergePending(db);
    const after = saved.map((other) => (other.id === edited.id ? edited : other));
    const { indexed, inMemory } = await relatedBoth(memory!.text, memory!.id, after);
    expect(reads).toHaveBeenCalled();
    expect(indexed).toEqual(inMemory);
    expect(indexed.map((found) => found.entryId)).not.toContain(edited.id);
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
