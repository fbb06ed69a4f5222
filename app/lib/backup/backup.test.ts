import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibrarianCatalog } from '#shared/librarian';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { editMemory, listMemories, listRevisions, saveMemory } from '../db/memories.ts';
import { attachDeviceCard } from '../db/device-catalog.ts';
import { searchIndex } from '../db/search-query.ts';
import { acceptNote, editNote, storeProposals } from '../notebook/notes.ts';
import { listCorrections, moveMemory } from '../notebook/reshelve.ts';
import { importBackup, importJsonl, readMood } from './apply.ts';
import { buildBackup, buildJsonl, monthMarkdown } from './export.ts';
import { parseImportFile } from './parse.ts';

let db: MemoryLibraryDb;
let other: MemoryLibraryDb;
beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
  other = createDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
  await other.delete();
});

const t0 = new Date('2025-03-01T13:00:00.000Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

async function importText(target: MemoryLibraryDb, text: string, now = later(10)) {
  const parsed = parseImportFile(text);
  if (parsed.kind === 'refused') throw new Error(parsed.reason);
  return parsed.kind === 'backup'
    ? importBackup(target, parsed.backup, now)
    : importJsonl(target, parsed.lines, now);
}

const lunchCard: LibrarianCatalog = {
  title: 'Lunch with Lin',
  summary: 'Lunch with Lin.',
  hall: 'everyday',
  shelf: 'meals',
  emotions: [],
  people: ['Lin'],
  places: [],
  themes: [],
  keywords: [],
  whyHere: 'About a meal.',
  related: [],
};

const content = async (target: MemoryLibraryDb) =>
  (await listMemories(target)).map(({ id, text, writtenAt, mood, tags, isPrivate }) => ({
    id,
    text,
    writtenAt,
    mood,
    tags,
    isPrivate,
  }));

describe('parsing an import file', () => {
  it('refuses a foreign JSON document, an empty file and garbage', () => {
    expect(parseImportFile('{"name":"left-pad","version":"1.0.0"}')).toMatchObject({
      kind: 'refused',
      reason: 'notOurs',
    });
    expect(parseImportFile('   ')).toMatchObject({ kind: 'refused', reason: 'empty' });
    expect(parseImportFile('\u0089PNG\r\n\u001a\n...')).toMatchObject({ kind: 'refused' });
  });

  it('refuses a damaged backup with the place it broke', () => {
    const parsed = parseImportFile(
      '{"format":"memory-library-backup","version":1,"exportedAt":"x","memories":[{}]}',
    );
    expect(parsed).toMatchObject({ kind: 'refused', reason: 'corrupt' });
  });

  it('reports bad JSONL lines by number and keeps the good ones', () => {
    const parsed = parseImportFile(
      ['{"text":"one"}', 'not json', '{"text":"   "}', '', '{"text":"two","extra":1}'].join('\n'),
    );
    expect(parsed).toMatchObject({ kind: 'jsonl', badLines: [2, 3] });
    if (parsed.kind === 'jsonl') {
      expect(parsed.lines.map((line) => [line.line, line.memory.text])).toEqual([
        [1, 'one'],
        [5, 'two'],
      ]);
      expect(parsed.lines[1]!.memory).not.toHaveProperty('extra');
    }
  });
});

describe('export then import', () => {
  it('a full backup brings back identical content, history and index in a fresh library', async () => {
    const a = await saveMemory(db, { text: '和外婆做桂花糕', mood: 'happy', tags: ['外婆'] }, t0);
    await editMemory(db, a.id, { text: '和外婆做桂花糕，很甜' }, later(1));
    await saveMemory(db, { text: 'A private note', isPrivate: true }, t0);
    const text = JSON.stringify(await buildBackup(db, later(2)));

    expect(await importText(other, text)).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(await content(other)).toEqual(await content(db));
    expect(await listRevisions(other, a.id)).toEqual(await listRevisions(db, a.id));
    expect((await searchIndex(other, '桂花糕')).map((r) => r.entryId)).toEqual([a.id]);
    // Importing the same file again changes nothing.
    expect(await importText(other, text)).toEqual({ added: 0, updated: 0, unchanged: 2 });
  });

  it('a full backup carries the notebook with its history and the corrections, merged once', async () => {
    const a = await saveMemory(db, { text: '和妹妹林一起吃午饭' }, t0);
    await attachDeviceCard(db, a.id, lunchCard, t0);
    const [note] = await storeProposals(db, a.id, [{ text: 'Lin is the sister.' }], later(1));
    await acceptNote(db, note!.id, later(2));
    await editNote(db, note!.id, 'Lin is the younger sister.', later(3));
    await moveMemory(db, a.id, { hall: 'family', shelf: 'Lin' }, later(4));
    const text = JSON.stringify(await buildBackup(db, later(5)));

    await importText(other, text);
    const [copied] = await other.notebook.toArray();
    expect(copied).toEqual(await db.notebook.get(note!.id));
    expect(copied!.history.map((version) => version.action)).toEqual([
      'proposed',
      'accepted',
      'edited',
    ]);
    const moves = (await listCorrections(other, 10)).map(({ seq: _seq, ...rest }) => rest);
    expect(moves).toEqual((await listCorrections(db, 10)).map(({ seq: _seq, ...rest }) => rest));

    // Again: nothing doubles, and a newer wording on this side is kept.
    await editNote(other, note!.id, 'Lin is my younger sister.', later(6));
    await importText(other, text);
    expect(await other.corrections.count()).toBe(1);
    expect((await other.notebook.get(note!.id))!.text).toBe('Lin is my younger sister.');
    expect((await other.notebook.get(note!.id))!.history).toHaveLength(4);
  });

  it('JSONL round-trips content and never duplicates on a second import', async () => {
    await saveMemory(db, { text: 'first', tags: ['a', 'b'], mood: 'calm' }, t0);
    await saveMemory(db, { text: 'second', isPrivate: true }, t0);
    const { text } = await buildJsonl(db);
    expect(await importText(other, text)).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(await content(other)).toEqual(await content(db));
    expect(await importText(other, text)).toEqual({ added: 0, updated: 0, unchanged: 2 });
  });

  it('lines without an id are not imported twice', async () => {
    const line = '{"text":"no id here","writtenAt":"2025-01-01T10:00:00+08:00"}';
    await importText(db, line);
    expect(await importText(db, line)).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(await listMemories(db)).toHaveLength(1);
  });
});

describe('merging the same memory', () => {
  it('JSONL: a changed line becomes the head, the old text stays in the history', async () => {
    const memory = await saveMemory(db, { text: 'old words' }, t0);
    const line = JSON.stringify({ id: memory.id, writtenAt: memory.writtenAt, text: 'new words' });
    expect(await importText(db, line)).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const revisions = await listRevisions(db, memory.id);
    expect(revisions.map((r) => [r.text, r.reason])).toEqual([
      ['new words', 'import'],
      ['old words', 'create'],
    ]);
    // The old version again: already in the history, nothing changes.
    const old = JSON.stringify({ id: memory.id, writtenAt: memory.writtenAt, text: 'old words' });
    expect(await importText(db, old)).toEqual({ added: 0, updated: 0, unchanged: 1 });
  });

  it('backup: the newer head wins and the other is kept as a revision', async () => {
    const memory = await saveMemory(db, { text: 'v1' }, t0);
    await importText(other, JSON.stringify(await buildBackup(db, later(1))));
    await editMemory(other, memory.id, { text: 'v2 on the other device' }, later(5));
    await editMemory(db, memory.id, { text: 'v2 here, earlier' }, later(3));

    expect(await importText(db, JSON.stringify(await buildBackup(other, later(6))))).toEqual({
      added: 0,
      updated: 1,
      unchanged: 0,
    });
    const [merged] = await listMemories(db);
    expect(merged!.text).toBe('v2 on the other device');
    const texts = (await listRevisions(db, memory.id)).map((r) => r.text).sort();
    expect(texts).toEqual(['v1', 'v2 here, earlier', 'v2 on the other device']);
    expect((await searchIndex(db, 'device')).map((r) => r.entryId)).toEqual([memory.id]);
  });
});

describe('details', () => {
  it('reads moods by id or by English or Chinese name, and drops unknown ones', () => {
    expect(readMood('calm')).toBe('calm');
    expect(readMood('Happy')).toBe('happy');
    expect(readMood('难过')).toBe('sad');
    expect(readMood('melancholy')).toBeNull();
  });

  it('writes one Markdown file per month with the writer’s dates', () => {
    const markdown = monthMarkdown('2025-03', [
      {
        writtenAt: '2025-03-01T21:05:00.000+08:00',
        text: 'Tea.',
        mood: 'calm',
        tags: ['home'],
        isPrivate: false,
        catalog: null,
      } as never,
    ]);
    expect(markdown).toContain('# 2025-03');
    expect(markdown).toContain('## 2025-03-01 21:05');
    expect(markdown).toContain('#home');
    expect(markdown).toContain('Tea.');
  });
});
