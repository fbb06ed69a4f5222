import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogResult, LibrarianCatalog } from '#shared/librarian';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { attachDeviceCard } from '../db/device-catalog.ts';
import { attachLibrarianResult, getMemory, saveMemory } from '../db/memories.ts';
import type { Correction, Note } from '../db/notebook-tables.ts';
import { buildDigest, correctionLine } from './digest.ts';
import { noteKey, notesFromProposals } from './note-text.ts';
import {
  acceptNote,
  dismissNote,
  editNote,
  InvalidNoteError,
  listNotebook,
  proposalsFor,
  readDigest,
  restoreNote,
  saveAutoKeep,
  storeProposals,
} from './notes.ts';
import { correctionsFor, moveMemory, reshelveShelf } from './reshelve.ts';
import { formerCallNumbersOf, personShelfOf } from './shelf-marks.ts';
import { testCard, testResult } from '../testing/librarian-results.ts';

const now = new Date('2026-11-29T10:00:00.000Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
let db: MemoryLibraryDb;

beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

function card(overrides: Partial<LibrarianCatalog> = {}): LibrarianCatalog {
  return testCard({
    title: 'Lunch with Lin',
    summary: 'Lunch with Lin.',
    shelf: 'meals',
    people: ['Lin'],
    whyHere: 'About a meal.',
    ...overrides,
  });
}

function result(id: string, catalog: LibrarianCatalog): CatalogResult {
  return testResult(id, { catalog });
}

async function shelved(text: string, catalog = card()) {
  const memory = await saveMemory(db, { text }, now);
  return (await attachLibrarianResult(db, memory.id, result(memory.id, catalog), now))!;
}

let ids = 0;
const newId = () => `n-${++ids}`;

describe('merging proposals into the notebook', () => {
  it('skips a proposal the notebook holds in any wording or state, and repeats within a reply', () => {
    const existing = [
      {
        text: 'Lin is my sister.',
        history: [{ text: 'Lin is my sister.', at: '', action: 'proposed' as const }],
      },
      {
        text: 'Likes green tea',
        history: [{ text: 'Likes tea', at: '', action: 'proposed' as const }],
      },
    ];
    const added = notesFromProposals(
      existing,
      [
        { text: 'lin is my  sister' },
        { text: 'Likes tea!' },
        { text: 'Works nights.' },
        { text: 'works nights' },
        { text: '   ' },
      ],
      { entryId: 'm-1', now, keep: false, newId },
    );
    expect(added.map((note) => [note.text, note.status, note.sourceEntryId])).toEqual([
      ['Works nights.', 'proposed', 'm-1'],
    ]);
    expect(noteKey('Lin is my sister。')).toBe(noteKey('lin is my sister'));
  });

  it('keeps at once, with both steps in the history, when the person chose so', () => {
    const [note] = notesFromProposals([], [{ text: 'Sam is a friend', why: 'says so' }], {
      entryId: 'm-2',
      now,
      keep: true,
      newId,
    });
    expect(note).toMatchObject({ status: 'kept', why: 'says so' });
    expect(note?.history.map((version) => version.action)).toEqual(['proposed', 'accepted']);
  });
});

describe('the notebook repository', () => {
  it('stores proposals once, and a dismissed note is never proposed again', async () => {
    const [lin] = await storeProposals(db, 'm-1', [{ text: 'Lin is my sister' }], now);
    expect(await storeProposals(db, 'm-2', [{ text: 'Lin is my sister.' }], now)).toEqual([]);
    expect((await proposalsFor(db, 'm-1')).map((note) => note.text)).toEqual(['Lin is my sister']);
    await dismissNote(db, lin!.id, later(1));
    expect(await storeProposals(db, 'm-3', [{ text: 'lin is my sister' }], now)).toEqual([]);
    expect(await listNotebook(db)).toEqual([]);
  });

  it('stores proposals as kept when "keep automatically" is on', async () => {
    await saveAutoKeep(db, true);
    await storeProposals(db, 'm-1', [{ text: 'Prefers short replies' }], now);
    expect((await readDigest(db)).notebook).toEqual(['Prefers short replies']);
  });

  it('accepts, edits and restores a note, keeping every wording in its history', async () => {
    const [proposal] = await storeProposals(db, 'm-1', [{ text: 'Lin is my sister' }], now);
    expect((await readDigest(db)).notebook).toEqual([]);
    await acceptNote(db, proposal!.id, later(1));
    expect((await readDigest(db)).notebook).toEqual(['Lin is my sister']);
    await editNote(db, proposal!.id, '  Lin is my younger sister ', later(2));
    await expect(editNote(db, proposal!.id, ' ', later(3))).rejects.toBeInstanceOf(
      InvalidNoteError,
    );
    const restored = await restoreNote(db, proposal!.id, 0, later(4));
    expect(restored.text).toBe('Lin is my sister');
    expect(restored.history.map((version) => [version.action, version.text])).toEqual([
      ['proposed', 'Lin is my sister'],
      ['accepted', 'Lin is my sister'],
      ['edited', 'Lin is my younger sister'],
      ['restored', 'Lin is my sister'],
    ]);
    await dismissNote(db, proposal!.id, later(5));
    expect((await readDigest(db)).notebook).toEqual([]);
  });
});

describe('the digest', () => {
  const note = (index: number): Note => ({
    id: `k-${index}`,
    text: `Note ${index}`,
    status: 'kept',
    sourceEntryId: null,
    why: null,
    createdAt: '',
    updatedAt: later(index).toISOString(),
    history: [],
  });
  const correction = (seq: number): Correction => ({
    seq,
    kind: 'move',
    entryId: `m-${seq}`,
    title: `Memory ${seq}`,
    from: { hall: 'everyday', shelf: 'meals' },
    to: { hall: 'family', shelf: 'Lin (sister)' },
    fromCallNumber: null,
    toCallNumber: null,
    at: '',
  });

  it('carries the 30 newest kept notes and the 20 latest corrections, newest first', () => {
    const notes = [
      ...Array.from({ length: 35 }, (_, index) => note(index)),
      { ...note(99), status: 'proposed' as const },
    ];
    const digest = buildDigest(
      notes,
      Array.from({ length: 25 }, (_, index) => correction(index + 1)),
    );
    expect(digest.notebook).toHaveLength(30);
    expect(digest.notebook[0]).toBe('Note 34');
    expect(digest.notebook).not.toContain('Note 99');
    expect(digest.corrections).toHaveLength(20);
    expect(digest.corrections[0]).toBe(
      "Moved 'Memory 25' from Everyday/meals to Family/Lin (sister)",
    );
  });

  it('words renames and merges, and clips a long line to 200 characters', () => {
    const base = correction(1);
    expect(
      correctionLine({ ...base, kind: 'rename-shelf', to: { hall: 'everyday', shelf: 'food' } }),
    ).toBe('Renamed the shelf Everyday/meals to Everyday/food');
    expect(correctionLine({ ...base, kind: 'merge-shelves' })).toBe(
      'Merged the shelf Everyday/meals into Family/Lin (sister)',
    );
    const long = buildDigest([], [{ ...base, title: 'x'.repeat(300) }]);
    expect(long.corrections[0]).toHaveLength(200);
  });
});

describe('corrections', () => {
  it('moves a memory with a new call number, keeps the old one and records the move', async () => {
    const memory = await shelved('Lunch with Lin.');
    expect(memory.catalog?.callNumber).toBe('EVE-meals-0001');
    const moved = await moveMemory(
      db,
      memory.id,
      { hall: 'family', shelf: 'Lin (sister)' },
      later(1),
    );
    expect(moved.catalog).toMatchObject({
      hall: 'family',
      shelf: 'Lin (sister)',
      callNumber: 'FAM-lin-sister-0001',
    });
    expect(formerCallNumbersOf(moved)).toEqual(['EVE-meals-0001']);
    const [recorded] = await correctionsFor(db, memory.id);
    expect(recorded).toMatchObject({
      kind: 'move',
      fromCallNumber: 'EVE-meals-0001',
      toCallNumber: 'FAM-lin-sister-0001',
    });
    expect((await readDigest(db)).corrections).toEqual([
      "Moved 'Lunch with Lin' from Everyday/meals to Family/Lin (sister)",
    ]);
  });

  it('lets the person’s shelf stand when the AI librarian replies later, and notes where the AI put it', async () => {
    const saved = await saveMemory(db, { text: 'Lunch with Lin.' }, now);
    await attachDeviceCard(db, saved.id, card(), now);
    await moveMemory(db, saved.id, { hall: 'family', shelf: 'Lin' }, later(1));
    const replied = await attachLibrarianResult(
      db,
      saved.id,
      result(saved.id, card({ hall: 'friends', shelf: 'lunches', title: 'Noodles with Lin' })),
      later(2),
    );
    expect(replied?.catalog).toMatchObject({
      hall: 'family',
      shelf: 'Lin',
      callNumber: 'FAM-lin-0001',
      title: 'Noodles with Lin',
      source: 'librarian',
    });
    expect(personShelfOf(replied!)).toMatchObject({ hall: 'family', shelf: 'Lin' });
    expect(replied).toMatchObject({ aiPlacement: { hall: 'friends', shelf: 'lunches' } });
  });

  it('renames a shelf, renumbering its memories in order on the new shelf', async () => {
    const first = await shelved('One.');
    const second = await shelved('Two.');
    await reshelveShelf(
      db,
      'rename-shelf',
      { hall: 'everyday', shelf: 'meals' },
      { hall: 'everyday', shelf: 'Food' },
      later(1),
    );
    const numbers = [
      (await getMemory(db, first.id))?.catalog?.callNumber,
      (await getMemory(db, second.id))?.catalog?.callNumber,
    ];
    expect(numbers).toEqual(['EVE-food-0001', 'EVE-food-0002']);
    expect((await readDigest(db)).corrections).toEqual([
      'Renamed the shelf Everyday/meals to Everyday/Food',
    ]);
  });

  it('keeps the numbers when a rename changes only the case', async () => {
    const memory = await shelved('One.');
    await reshelveShelf(
      db,
      'rename-shelf',
      { hall: 'everyday', shelf: 'meals' },
      { hall: 'everyday', shelf: 'Meals' },
      later(1),
    );
    const after = await getMemory(db, memory.id);
    expect(after?.catalog).toMatchObject({ shelf: 'Meals', callNumber: 'EVE-meals-0001' });
    expect(formerCallNumbersOf(after!)).toEqual([]);
  });

  it('merges a shelf into another, after the memories already there', async () => {
    const lin = await shelved('Lin.', card({ hall: 'family', shelf: 'Lin' }));
    const meal = await shelved('Meal.');
    await reshelveShelf(
      db,
      'merge-shelves',
      { hall: 'everyday', shelf: 'meals' },
      { hall: 'family', shelf: 'Lin' },
      later(1),
    );
    expect((await getMemory(db, lin.id))?.catalog?.callNumber).toBe('FAM-lin-0001');
    const merged = await getMemory(db, meal.id);
    expect(merged?.catalog?.callNumber).toBe('FAM-lin-0002');
    expect(formerCallNumbersOf(merged!)).toEqual(['EVE-meals-0001']);
    await expect(
      reshelveShelf(
        db,
        'merge-shelves',
        { hall: 'family', shelf: 'Lin' },
        { hall: 'family', shelf: 'lin' },
        later(2),
      ),
    ).rejects.toThrow();
    expect((await readDigest(db)).corrections).toEqual([
      'Merged the shelf Everyday/meals into Family/Lin',
    ]);
  });
});

describe('a rename to the same name', () => {
  it('changes nothing and records nothing', async () => {
    const memory = await shelved('One.');
    const moved = await reshelveShelf(
      db,
      'rename-shelf',
      { hall: 'everyday', shelf: 'meals' },
      { hall: 'everyday', shelf: ' meals ' },
      later(1),
    );
    expect(moved).toEqual([]);
    expect(personShelfOf((await getMemory(db, memory.id))!)).toBeNull();
    expect((await readDigest(db)).corrections).toEqual([]);
  });
});
