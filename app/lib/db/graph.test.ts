import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogResult, LibrarianCatalog } from '#shared/librarian';
import { importJsonl } from '../backup/apply.ts';
import { createDatabase, type MemoryLibraryDb } from './database.ts';
import { attachDeviceCard } from './device-catalog.ts';
import { readGraphNodes, readNodeNames } from './graph-queries.ts';
import { foldName } from './graph.ts';
import { attachLibrarianResult, saveMemory } from './memories.ts';
import { searchIndex } from './search-query.ts';
import { deleteForever, moveToTrash, restoreFromTrash } from './trash.ts';
import { testCard, testResult } from '../testing/librarian-results.ts';

const now = new Date('2025-03-01T13:00:00.000Z');

function card(parts: Partial<LibrarianCatalog>): LibrarianCatalog {
  return testCard({
    title: 'A day',
    summary: 'A day.',
    hall: 'family',
    shelf: 'grandmother',
    whyHere: 'Family.',
    ...parts,
  });
}

function result(entryId: string, catalog: LibrarianCatalog): CatalogResult {
  return testResult(entryId, { catalog });
}

/** The graph as `kind:name → memory ids`, names as first written. */
async function graphOf(db: MemoryLibraryDb): Promise<Record<string, string[]>> {
  const nodes = await readGraphNodes(db);
  const names = await readNodeNames(db, nodes);
  return Object.fromEntries(
    nodes.map((node) => [`${node.kind}:${names.get(node.id)}`, [...node.entryIds].sort()]),
  );
}

let db: MemoryLibraryDb;
beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('the memory graph kept beside the cards', () => {
  it('folds names for matching: case, width and spacing', () => {
    expect(foldName('  Lin ')).toBe('lin');
    expect(foldName('ＬＩＮ')).toBe('lin');
    expect(foldName('West  Lake')).toBe('west lake');
    expect(foldName('外婆')).toBe('外婆');
  });

  it('links the device card on save, then replaces it with the AI card', async () => {
    const memory = await saveMemory(db, { text: 'Tea with Lin at the lake.' }, now);
    expect(await graphOf(db)).toEqual({});

    await attachDeviceCard(db, memory.id, card({ people: ['Lin'], places: ['lake'] }), now);
    expect(await graphOf(db)).toEqual({ 'person:Lin': [memory.id], 'place:lake': [memory.id] });

    await attachLibrarianResult(
      db,
      memory.id,
      result(memory.id, card({ people: ['lin', 'Grandma'], themes: ['Tea'] })),
      now,
    );
    // "lin" and "Lin" are one person; the device's "lake" left with the device's card.
    const nodes = await readGraphNodes(db);
    expect(nodes.map((node) => node.id).sort()).toEqual([
      'person:grandma',
      'person:lin',
      'theme:tea',
    ]);
  });

  it('a second device card replaces the first one’s links, index words and keeps its number', async () => {
    const memory = await saveMemory(db, { text: 'Tea with Lin at the lake.' }, now);
    const first = await attachDeviceCard(
      db,
      memory.id,
      card({ people: ['Lin', 'Sam'], places: ['lake'], keywords: ['kettle'] }),
      now,
    );
    const second = await attachDeviceCard(
      db,
      memory.id,
      card({ people: ['lin', 'Grandma'], keywords: ['teapot'] }),
      now,
    );
    expect(await graphOf(db)).toEqual({
      'person:Grandma': [memory.id],
      'person:lin': [memory.id],
    });
    expect(second?.catalog?.callNumber).toBe(first?.catalog?.callNumber);
    expect((await db.shelves.toArray()).map((shelf) => shelf.lastSequence)).toEqual([1]);
    expect((await searchIndex(db, 'teapot')).map((found) => found.entryId)).toEqual([memory.id]);
    expect(await searchIndex(db, 'kettle')).toEqual([]);
  });

  it('joins memories that name the same person, and one memory names a person once', async () => {
    const a = await saveMemory(db, { text: 'a' }, now);
    const b = await saveMemory(db, { text: 'b' }, now);
    await attachLibrarianResult(db, a.id, result(a.id, card({ people: ['Lin', 'LIN'] })), now);
    await attachLibrarianResult(db, b.id, result(b.id, card({ people: ['Lin'] })), now);
    const [lin] = await readGraphNodes(db);
    expect(lin?.entryIds.sort()).toEqual([a.id, b.id].sort());
  });

  it('a memory in the Trash leaves the graph and comes back when restored', async () => {
    const memory = await saveMemory(db, { text: 'a' }, now);
    await attachLibrarianResult(
      db,
      memory.id,
      result(memory.id, card({ places: ['Suzhou'] })),
      now,
    );
    await moveToTrash(db, memory.id, now);
    expect(await graphOf(db)).toEqual({});
    // A card arriving for a memory already in the Trash does not bring it back either.
    await attachDeviceCard(db, memory.id, card({ places: ['Hangzhou'] }), now);
    expect(await graphOf(db)).toEqual({});

    await restoreFromTrash(db, memory.id, now);
    expect(await graphOf(db)).toEqual({ 'place:Suzhou': [memory.id] });
    await moveToTrash(db, memory.id, now);
    await deleteForever(db, memory.id);
    expect(await db.mentions.count()).toBe(0);
  });

  it('an imported memory with a card joins the graph', async () => {
    await importJsonl(
      db,
      [{ line: 1, memory: { text: 'Imported.', catalog: card({ themes: ['cooking'] }) } }],
      now,
    );
    expect(Object.keys(await graphOf(db))).toEqual(['theme:cooking']);
  });

  it('the version 3 upgrade fills the graph for memories catalogued before it', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(2).stores({
      memories: 'id, writtenAtMs, deletedAtMs, monthDay',
      revisions: 'revId, entryId',
      searchTerms: '[term+chunk]',
      searchDocs: 'entryId, pending',
      searchBlocks: 'block',
      drafts: 'id',
      librarianQueue: '++seq, &entryId',
      shelves: 'id',
      kv: 'key',
    });
    const base = { writtenAtMs: 1, monthDay: '03-01', deletedAt: null };
    await old.table('memories').bulkAdd([
      { ...base, id: 'kept', catalog: card({ people: ['Lin'], themes: ['tea'] }) },
      { ...base, id: 'bare', catalog: null },
      {
        ...base,
        id: 'trashed',
        deletedAt: '2025-03-01T00:00:00.000Z',
        deletedAtMs: 5,
        catalog: card({ people: ['Lin'] }),
      },
    ]);
    old.close();

    const upgraded = createDatabase(name);
    try {
      expect(await graphOf(upgraded)).toEqual({ 'person:Lin': ['kept'], 'theme:tea': ['kept'] });
    } finally {
      await upgraded.delete();
    }
  });
});
