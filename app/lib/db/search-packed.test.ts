import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findRelated } from '#shared/device-librarian/related';
import { createMemoryIndex } from '#shared/device-librarian/memory-index';
import { createDatabase, type MemoryLibraryDb, type TermChunk } from './database.ts';
import { editMemory, saveMemory, writeTables } from './memories.ts';
import { readStats } from './search-index.ts';
import { applyMerge, mergePending, planMerge } from './search-merge.ts';
import { createIndexPostingSource } from './related-postings.ts';
import { searchIndex } from './search-query.ts';
import { setAutomaticMerging } from './search-schedule.ts';
import { readMeta } from './search-stats.ts';
import { emptyColumn, repackTerm, type Column } from './search-repack.ts';
import { moveToTrash } from './trash.ts';

const now = new Date('2025-03-01T13:00:00.000Z');

function chunk(term: string, number: number, ords: number[]): TermChunk {
  return { term, chunk: number, ords: Uint32Array.from(ords), tf: Uint16Array.from(ords, () => 1) };
}

function column(ords: number[]): Column {
  return { ords, tf: ords.map(() => 1) };
}

const layout = (rows: TermChunk[]) => rows.map((row) => [row.chunk, Array.from(row.ords)]);

describe('repackTerm', () => {
  it('fills the last row, then starts new ones, leaving full rows alone', () => {
    const rows = [chunk('rain', 0, [1, 2, 3]), chunk('rain', 1, [4])];
    const { put, remove } = repackTerm('rain', rows, new Set(), column([5, 6, 7, 8]), 3);
    expect(layout(put)).toEqual([
      [1, [4, 5, 6]],
      [2, [7, 8]],
    ]);
    expect(remove).toEqual([]);
  });

  it('drops postings from the rows that hold them and deletes rows left empty', () => {
    const rows = [chunk('rain', 0, [1, 2]), chunk('rain', 1, [3]), chunk('rain', 2, [4, 5])];
    const { put, remove } = repackTerm('rain', rows, new Set([1, 3]), emptyColumn(), 2);
    expect(layout(put)).toEqual([[0, [2]]]);
    expect(remove).toEqual([1]);
  });

  it('rewrites a fragmented term from row 0', () => {
    const rows = [chunk('rain', 0, [1]), chunk('rain', 3, [2]), chunk('rain', 4, [3])];
    const { put, remove } = repackTerm('rain', rows, new Set([3]), emptyColumn(), 4);
    expect(layout(put)).toEqual([[0, [1, 2]]]);
    expect(remove.sort()).toEqual([3, 4]);
  });

  it('stores exact-size typed arrays, clamping huge frequencies', () => {
    const [row] = repackTerm('rain', [], new Set(), { ords: [7], tf: [100_000] }).put;
    expect(row!.tf).toEqual(Uint16Array.of(0xffff));
    expect(row!.ords.buffer.byteLength).toBe(4);
  });
});

describe('pending and packed rows', () => {
  let db: MemoryLibraryDb;
  beforeAll(() => setAutomaticMerging(false));
  afterAll(() => setAutomaticMerging(true));
  beforeEach(() => {
    db = createDatabase(`packed-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('a save writes one forward row and no packed row; a merge packs it', async () => {
    const memory = await saveMemory(db, { text: 'rain at the station' }, now);
    expect(await db.searchDocs.get(memory.id)).toMatchObject({ pending: 1, packed: [] });
    expect(await db.searchTerms.count()).toBe(0);
    expect(await mergePending(db)).toBe(1);
    expect(await db.searchDocs.get(memory.id)).not.toHaveProperty('pending');
    expect(await db.searchTerms.count()).toBe(4);
    expect(await mergePending(db)).toBe(0);
  });

  it('hides a packed memory at once when it is edited or trashed, before any merge', async () => {
    const kite = await saveMemory(db, { text: 'a blue kite' }, now);
    const rain = await saveMemory(db, { text: 'blue rain' }, now);
    await mergePending(db);
    await editMemory(db, kite.id, { text: 'a red kite' }, now);
    await moveToTrash(db, rain.id, now);
    expect((await searchIndex(db, 'blue')).map((r) => r.entryId)).toEqual([]);
    expect((await searchIndex(db, 'red')).map((r) => r.entryId)).toEqual([kite.id]);
    expect(await readStats(db)).toEqual({ docCount: 1, totalLength: 3 });
    await mergePending(db);
    expect(await db.searchDocs.count()).toBe(1);
    expect(await db.searchTerms.where('[term+chunk]').equals(['blue', 0]).count()).toBe(0);
    const [block] = await db.searchBlocks.toArray();
    expect(block!.ids).toEqual([kite.id, '']);
    expect((await searchIndex(db, 'kite')).map((r) => r.entryId)).toEqual([kite.id]);
  });

  it('a save landing between a merge plan and its write stays pending and findable', async () => {
    const kite = await saveMemory(db, { text: 'a blue kite' }, now);
    const plan = await planMerge(db);
    const rain = await saveMemory(db, { text: 'blue rain' }, now);
    expect(await applyMerge(db, plan!)).toBe(1);
    expect(await db.searchDocs.get(kite.id)).not.toHaveProperty('pending');
    expect(await db.searchDocs.get(rain.id)).toMatchObject({ pending: 1 });
    const found = await searchIndex(db, 'blue');
    expect(found.map((r) => r.entryId).sort()).toEqual([kite.id, rain.id].sort());
    expect(await mergePending(db)).toBe(1);
    expect(await db.searchDocs.where('pending').equals(1).count()).toBe(0);
  });

  it('keeps a memory edited or trashed during its merge pending, and refuses a superseded plan', async () => {
    const kite = await saveMemory(db, { text: 'a blue kite' }, now);
    await mergePending(db);
    await editMemory(db, kite.id, { text: 'a red kite' }, now);
    const edited = await planMerge(db);
    await editMemory(db, kite.id, { text: 'a green kite' }, now);
    expect(await applyMerge(db, edited!)).toBe(0);
    // Its postings under 'red' are written, but it is read from its pending row.
    expect(await db.searchDocs.get(kite.id)).toMatchObject({ pending: 1 });
    expect(await db.searchTerms.where('[term+chunk]').equals(['red', 0]).count()).toBe(1);
    expect(await searchIndex(db, 'red')).toEqual([]);
    expect(await searchIndex(db, 'blue')).toEqual([]);
    expect((await searchIndex(db, 'green')).map((r) => r.entryId)).toEqual([kite.id]);
    const trashed = await planMerge(db);
    await moveToTrash(db, kite.id, now);
    expect(await applyMerge(db, trashed!)).toBe(0);
    expect(await searchIndex(db, 'kite')).toEqual([]);
    // A later merge supersedes an earlier one, which then writes nothing.
    const first = await planMerge(db);
    const second = await planMerge(db);
    const packed = await db.searchTerms.toArray();
    expect(await applyMerge(db, first!)).toBe(false);
    expect(await db.searchTerms.toArray()).toEqual(packed);
    expect(await applyMerge(db, second!)).toBe(1);
    expect(await applyMerge(db, second!)).toBe(false);
    expect(await searchIndex(db, 'kite')).toEqual([]);
    expect(await db.searchTerms.count()).toBe(0);
    expect(await db.searchDocs.count()).toBe(0);
    expect(await readStats(db)).toEqual({ docCount: 0, totalLength: 0 });
  });

  it('merges on its own once enough memories wait', async () => {
    setAutomaticMerging(true);
    try {
      await db.transaction('rw', writeTables(db), async () => {
        for (let i = 0; i < 40; i += 1) await saveMemory(db, { text: `note ${i}` }, now);
      });
      await expect
        .poll(() => db.searchDocs.where('pending').equals(1).count(), { timeout: 5_000 })
        .toBe(0);
      expect((await searchIndex(db, 'note')).length).toBe(40);
    } finally {
      setAutomaticMerging(false);
    }
  });

  it('holds a merge back while saves keep coming, and merges once they pause', async () => {
    setAutomaticMerging(true);
    const pending = () => db.searchDocs.where('pending').equals(1).count();
    try {
      await db.transaction('rw', writeTables(db), async () => {
        for (let i = 0; i < 40; i += 1) await saveMemory(db, { text: `note ${i}` }, now);
      });
      // Saves one after another: no merge step may start meanwhile (none claims the index).
      for (let i = 0; i < 40; i += 1) await saveMemory(db, { text: `later ${i}` }, now);
      expect((await readMeta(db)).merging).toBeUndefined();
      expect(await pending()).toBe(80);
      await expect.poll(pending, { timeout: 5_000 }).toBe(0);
      expect((await searchIndex(db, 'later')).length).toBe(40);
    } finally {
      setAutomaticMerging(false);
    }
  });
});

describe('createIndexPostingSource', () => {
  let db: MemoryLibraryDb;
  beforeAll(() => setAutomaticMerging(false));
  afterAll(() => setAutomaticMerging(true));
  beforeEach(() => {
    db = createDatabase(`source-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('gives the same postings and statistics as an in-memory index of the same memories', async () => {
    const texts = ['和外婆做桂花糕', '外婆的桂花糕最好吃', 'Rain at the station', 'rain, rain'];
    const saved = [];
    for (const [i, text] of texts.entries()) {
      const writtenAt = `2025-03-0${i + 1}T09:00:00.000+08:00`;
      saved.push(await saveMemory(db, { text, writtenAt }, now));
      if (i === 1) await mergePending(db); // half packed, half pending
    }
    const source = createIndexPostingSource(db);
    const reference = createMemoryIndex(
      saved.map((memory) => ({ id: memory.id, text: memory.text, at: memory.writtenAtMs })),
    );
    const terms = ['外婆', '桂花', 'rain', 'station', 'absent'];
    const byId = (postings: Map<string, { entryId: string }[]>) =>
      [...postings].map(([term, list]) => [
        term,
        [...list].sort((a, b) => (a.entryId < b.entryId ? -1 : 1)),
      ]);
    expect(byId(await source.postingsFor(terms))).toEqual(byId(await reference.postingsFor(terms)));
    expect(await source.stats()).toEqual(await reference.stats());
    const related = await findRelated(texts[0]!, source, { excludeId: saved[0]!.id });
    expect(related.map((memory) => memory.entryId)).toEqual([saved[1]!.id]);
  });
});
