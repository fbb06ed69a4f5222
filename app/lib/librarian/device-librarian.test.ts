import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogResult, LibrarianCatalog } from '#shared/librarian';
import { createDatabase, type Memory, type MemoryLibraryDb } from '../db/database.ts';
import { deviceCardOf } from '../db/device-catalog.ts';
import { attachLibrarianResult, getMemory, saveMemory } from '../db/memories.ts';
import { findRelatedEntries, relatedCardsFor, shelveOnDevice } from './device-librarian.ts';
import { testCard, testResult } from '../testing/librarian-results.ts';

const now = new Date('2025-03-01T13:00:00.000Z');
let db: MemoryLibraryDb;

beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

function card(overrides: Partial<LibrarianCatalog> = {}): LibrarianCatalog {
  return testCard({
    title: '和外婆做桂花糕',
    summary: '和外婆一起做桂花糕。',
    hall: 'family',
    shelf: '外婆',
    people: ['外婆'],
    whyHere: '写的是外婆。',
    ...overrides,
  });
}

function result(id: string, catalog: LibrarianCatalog): CatalogResult {
  return testResult(id, { reply: '谢谢你写下来。', catalog });
}

async function catalogued(text: string, catalog = card()): Promise<Memory> {
  const memory = await saveMemory(db, { text }, now);
  return (await attachLibrarianResult(db, memory.id, result(memory.id, catalog), now))!;
}

describe('the on-device librarian', () => {
  it('shelves a new memory beside its catalogued neighbours with the next call number', async () => {
    const first = await catalogued('今天和外婆一起做了桂花糕，外婆的手还是那么稳。');
    expect(first.catalog?.callNumber).toBe('FAM-外婆-0001');

    const second = await saveMemory(
      db,
      { text: '外婆又教我做桂花糕，厨房里都是桂花的香味。' },
      now,
    );
    const shelved = await shelveOnDevice(db, second, now);

    expect(shelved?.catalog).toMatchObject({
      hall: 'family',
      shelf: '外婆',
      callNumber: 'FAM-外婆-0002',
      source: 'device',
    });
    expect(shelved?.catalog?.whyHere).toContain('FAM-外婆-0001');
    expect(shelved?.catalog?.related[0]?.id).toBe(first.id);
    expect(deviceCardOf(shelved!)).toEqual(shelved?.catalog);
    expect(shelved?.librarianStatus).toBe('queued');
  });

  it('keeps the device card when the AI card replaces it, and its number on the same shelf', async () => {
    await catalogued('今天和外婆一起做了桂花糕。');
    const memory = await saveMemory(db, { text: '外婆又做了桂花糕，真好吃。' }, now);
    const shelved = await shelveOnDevice(db, memory, now);
    const after = await attachLibrarianResult(
      db,
      memory.id,
      result(memory.id, card({ title: 'AI title' })),
      now,
    );
    expect(after?.catalog).toMatchObject({ source: 'librarian', title: 'AI title' });
    expect(after?.catalog?.callNumber).toBe(shelved?.catalog?.callNumber);
    expect(deviceCardOf(after!)).toMatchObject({ source: 'device', callNumber: 'FAM-外婆-0002' });
  });

  it('never puts its guess over a card the AI librarian already gave', async () => {
    const memory = await catalogued('今天和外婆一起做了桂花糕。');
    expect(await shelveOnDevice(db, memory, now)).toBeUndefined();
    expect((await getMemory(db, memory.id))?.catalog?.source).toBe('librarian');
  });

  it('shelves by the lexicon when the library is new', async () => {
    const memory = await saveMemory(db, { text: 'My advisor sent the thesis back again.' }, now);
    const shelved = await shelveOnDevice(db, memory, now);
    expect(shelved?.catalog).toMatchObject({ hall: 'study-work', source: 'device' });
    expect(shelved?.catalog?.callNumber).toMatch(/^STU-.+-0001$/);
  });

  it('explains each related memory by the words they share', async () => {
    const first = await saveMemory(db, { text: 'Baked bread with Grandma in her kitchen.' }, now);
    const second = await saveMemory(db, { text: 'Grandma and I baked bread again.' }, now);
    const related = await findRelatedEntries(db, second);
    expect(related[0]?.memory.id).toBe(first.id);
    expect(related[0]?.shared).toEqual(expect.arrayContaining(['grandma', 'bread']));
  });
});

describe('related cards for the AI librarian', () => {
  it('are compact: id, call number and the AI summary, never text or private memories', async () => {
    const open = await catalogued('今天和外婆一起做了桂花糕，外婆的手还是那么稳。');
    const secret = await catalogued('外婆的秘密：桂花糕的配方。', card({ summary: '秘密的配方' }));
    const { editMemory } = await import('../db/memories.ts');
    await editMemory(db, secret.id, { isPrivate: true }, now);
    const guessed = await saveMemory(db, { text: '外婆的桂花糕放在了桌上。' }, now);
    await shelveOnDevice(db, guessed, now);

    const memory = await saveMemory(db, { text: '外婆又做了桂花糕。' }, now);
    const cards = await relatedCardsFor(db, memory);
    expect(cards).toEqual([
      { id: open.id, callNumber: open.catalog!.callNumber, summary: '和外婆一起做桂花糕。' },
    ]);
  });
});
