import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogResult, LibrarianCatalog } from '#shared/librarian';
import { createDatabase, type MemoryLibraryDb } from './database.ts';
import {
  attachLibrarianResult,
  InvalidMemoryError,
  listMemories,
  listQueued,
  markLibrarianFailed,
  saveMemory,
} from './memories.ts';
import { testCard, testResult, testUsage } from '../testing/librarian-results.ts';

let db: MemoryLibraryDb;

beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await db.delete();
});

const now = new Date('2025-03-01T13:00:00.000Z');

function card(overrides: Partial<LibrarianCatalog> = {}): LibrarianCatalog {
  return testCard({
    title: '外婆的饺子',
    summary: 'Visiting grandmother, who made dumplings.',
    hall: 'family',
    shelf: '外婆',
    emotions: [{ name: 'warmth', intensity: 0.8 }],
    people: ['外婆'],
    themes: ['food'],
    keywords: ['饺子'],
    whyHere: 'A memory about grandmother.',
    ...overrides,
  });
}

function result(entryId: string, catalog: LibrarianCatalog | null = card()): CatalogResult {
  return testResult(entryId, {
    reply: '饺子的味道会一直记得。',
    catalog,
    usage: testUsage({ promptTokens: 10, completionTokens: 5, totalTokens: 15 }),
  });
}

describe('saveMemory', () => {
  it('writes the memory and queues it for the librarian in one go', async () => {
    const memory = await saveMemory(db, { text: '今天去看了外婆。' }, now);
    expect(await db.memories.get(memory.id)).toEqual(memory);
    expect(await listQueued(db)).toEqual([memory.id]);
    expect(memory).toMatchObject({ lang: 'zh', librarianStatus: 'queued', catalog: null });
    expect(memory.createdAt).toBe(now.toISOString());
    expect(Date.parse(memory.writtenAt)).toBe(now.getTime());
    expect(memory.writtenAt).toMatch(/[+-]\d{2}:\d{2}$/);
  });

  it('keeps the text exactly as written, whitespace and newlines included', async () => {
    const text = '  line one\n\n\tline two  \n';
    const memory = await saveMemory(db, { text }, now);
    expect((await db.memories.get(memory.id))?.text).toBe(text);
  });

  it('uses the given writtenAt', async () => {
    const memory = await saveMemory(
      db,
      { text: 'yesterday', writtenAt: '2025-02-28T22:00:00+08:00' },
      now,
    );
    expect(memory.writtenAt).toBe('2025-02-28T22:00:00+08:00');
    expect(memory.writtenAtMs).toBe(Date.parse('2025-02-28T14:00:00Z'));
  });

  it('refuses an empty or whitespace-only memory and writes nothing', async () => {
    await expect(saveMemory(db, { text: ' \n\t ' }, now)).rejects.toBeInstanceOf(
      InvalidMemoryError,
    );
    expect(await db.memories.count()).toBe(0);
    expect(await db.librarianQueue.count()).toBe(0);
  });

  it('refuses an invalid writtenAt', async () => {
    await expect(saveMemory(db, { text: 'x', writtenAt: 'yesterday' }, now)).rejects.toBeInstanceOf(
      InvalidMemoryError,
    );
  });

  it('writes neither the memory nor the queue item when the transaction fails', async () => {
    const first = await saveMemory(db, { text: 'one' }, now);
    // A duplicate queue entry violates the unique entryId index and aborts the transaction.
    const spy = vi
      .spyOn(crypto, 'randomUUID')
      .mockReturnValueOnce(first.id as ReturnType<typeof crypto.randomUUID>);
    try {
      await expect(saveMemory(db, { text: 'two' }, now)).rejects.toThrow();
    } finally {
      spy.mockRestore();
    }
    expect(await db.memories.count()).toBe(1);
    expect(await db.librarianQueue.count()).toBe(1);
  });

  it('saves a 100,000-character memory', async () => {
    const text = '长'.repeat(100_000);
    const memory = await saveMemory(db, { text }, now);
    expect((await db.memories.get(memory.id))?.text.length).toBe(100_000);
  });
});

describe('listMemories', () => {
  it('lists newest first by the moment written, across time zones', async () => {
    const a = await saveMemory(db, { text: 'a', writtenAt: '2025-03-01T09:00:00+08:00' }, now); // 01:00Z
    const b = await saveMemory(db, { text: 'b', writtenAt: '2025-03-01T02:00:00+00:00' }, now); // 02:00Z
    const c = await saveMemory(db, { text: 'c', writtenAt: '2025-02-28T20:30:00-05:00' }, now); // 01:30Z
    expect((await listMemories(db)).map((memory) => memory.id)).toEqual([b.id, c.id, a.id]);
  });
});

describe('listQueued', () => {
  it('returns the queue in saving order', async () => {
    const ids = [];
    for (const text of ['first', 'second', 'third'])
      ids.push((await saveMemory(db, { text }, now)).id);
    expect(await listQueued(db)).toEqual(ids);
  });
});

describe('attachLibrarianResult', () => {
  it('stores the card with a call number and takes the memory off the queue', async () => {
    const memory = await saveMemory(db, { text: '今天去看了外婆。' }, now);
    const updated = await attachLibrarianResult(db, memory.id, result(memory.id), now);
    expect(updated?.catalog).toMatchObject({
      hall: 'family',
      shelf: '外婆',
      callNumber: 'FAM-外婆-0001',
      source: 'librarian',
      catalogedAt: now.toISOString(),
    });
    expect(updated).toMatchObject({
      librarianStatus: 'catalogued',
      reply: '饺子的味道会一直记得。',
      model: 'test/model',
      promptVersion: 'p1',
    });
    expect(updated?.usage?.totalTokens).toBe(15);
    expect(await db.memories.get(memory.id)).toEqual(updated);
    expect(await listQueued(db)).toEqual([]);
  });

  it('numbers memories on the same shelf in sequence, per shelf', async () => {
    const numbers = [];
    for (const shelf of ['外婆', 'Grandma trips', '外婆', 'grandma  trips']) {
      const memory = await saveMemory(db, { text: shelf }, now);
      const updated = await attachLibrarianResult(
        db,
        memory.id,
        result(memory.id, card({ shelf })),
        now,
      );
      numbers.push(updated?.catalog?.callNumber);
    }
    expect(numbers).toEqual([
      'FAM-外婆-0001',
      'FAM-grandma-trips-0001',
      'FAM-外婆-0002',
      'FAM-grandma-trips-0002',
    ]);
  });

  it('keeps the call number when the memory is catalogued again on the same shelf', async () => {
    const memory = await saveMemory(db, { text: 'x' }, now);
    await attachLibrarianResult(db, memory.id, result(memory.id), now);
    const again = await attachLibrarianResult(db, memory.id, result(memory.id), now);
    expect(again?.catalog?.callNumber).toBe('FAM-外婆-0001');
  });

  it('never reuses a number on a shelf', async () => {
    const first = await saveMemory(db, { text: 'one' }, now);
    await attachLibrarianResult(db, first.id, result(first.id), now);
    // The first memory moves to another hall; the next memory on 外婆 still gets 0002.
    await attachLibrarianResult(db, first.id, result(first.id, card({ hall: 'losses' })), now);
    const second = await saveMemory(db, { text: 'two' }, now);
    const updated = await attachLibrarianResult(db, second.id, result(second.id), now);
    expect(updated?.catalog?.callNumber).toBe('FAM-外婆-0002');
  });

  it('stores a reply whose card was not valid, without a call number', async () => {
    const memory = await saveMemory(db, { text: 'x' }, now);
    const updated = await attachLibrarianResult(db, memory.id, result(memory.id, null), now);
    expect(updated).toMatchObject({
      librarianStatus: 'catalogued',
      catalog: null,
      reply: '饺子的味道会一直记得。',
    });
    expect(await listQueued(db)).toEqual([]);
  });

  it('returns undefined for a memory that does not exist', async () => {
    expect(await attachLibrarianResult(db, 'missing', result('missing'), now)).toBeUndefined();
  });
});

describe('markLibrarianFailed', () => {
  it('keeps the memory, records why and takes it off the queue', async () => {
    const memory = await saveMemory(db, { text: 'x' }, now);
    const error = { code: 'invalid-request', message: 'too long' };
    const updated = await markLibrarianFailed(db, memory.id, error);
    expect(updated).toMatchObject({ librarianStatus: 'failed', librarianError: error, text: 'x' });
    expect(await listQueued(db)).toEqual([]);
  });
});
