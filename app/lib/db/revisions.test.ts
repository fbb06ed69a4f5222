import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type MemoryLibraryDb } from './database.ts';
import {
  editMemory,
  listMemories,
  listQueued,
  listRevisions,
  nextQueued,
  nextQueuedBatch,
  onThisDay,
  restoreRevision,
  saveMemory,
} from './memories.ts';
import { searchIndex } from './search-query.ts';
import { listTrash, moveToTrash, purgeTrash, restoreFromTrash } from './trash.ts';

let db: MemoryLibraryDb;
let name: string;
beforeEach(() => {
  name = `test-${crypto.randomUUID()}`;
  db = createDatabase(name);
});
afterEach(async () => {
  await db.delete();
});

const t0 = new Date('2025-03-01T13:00:00.000Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('revisions', () => {
  it('writes a first revision, then one per edit, each pointing at its parent', async () => {
    const memory = await saveMemory(db, { text: 'first words' }, t0);
    const edited = await editMemory(db, memory.id, { text: 'second words' }, later(1));
    const revisions = await listRevisions(db, memory.id);
    expect(revisions.map((r) => r.text)).toEqual(['second words', 'first words']);
    expect(revisions[0]!.parentRevId).toBe(revisions[1]!.revId);
    expect(revisions[1]!.parentRevId).toBeNull();
    expect(edited.headRevId).toBe(revisions[0]!.revId);
    expect(revisions.every((r) => r.deviceId === revisions[0]!.deviceId)).toBe(true);
  });

  it('writes no revision when nothing changed', async () => {
    const memory = await saveMemory(db, { text: 'same' }, t0);
    await editMemory(db, memory.id, { text: 'same', tags: [] }, later(1));
    expect(await listRevisions(db, memory.id)).toHaveLength(1);
  });

  it('restores an old revision as a new revision, keeping every other', async () => {
    const memory = await saveMemory(db, { text: 'v1', mood: 'calm' }, t0);
    const [first] = await listRevisions(db, memory.id);
    await editMemory(db, memory.id, { text: 'v2', mood: 'sad' }, later(1));
    const restored = await restoreRevision(db, memory.id, first!.revId, later(2));
    expect(restored.text).toBe('v1');
    expect(restored.mood).toBe('calm');
    const revisions = await listRevisions(db, memory.id);
    expect(revisions.map((r) => r.text)).toEqual(['v1', 'v2', 'v1']);
    expect(revisions[0]).toMatchObject({ reason: 'restore', restoredFrom: first!.revId });
  });

  it('keeps the date, mood and tags the person chose', async () => {
    const memory = await saveMemory(
      db,
      { text: 'yesterday', writtenAt: '2025-02-28T20:00:00.000+08:00', mood: 'happy', tags: ['a'] },
      t0,
    );
    expect(memory).toMatchObject({ mood: 'happy', tags: ['a'], monthDay: '02-28' });
  });
});

describe('private memories', () => {
  it('are never queued for the librarian, and leave the queue when made private', async () => {
    const secret = await saveMemory(db, { text: 'secret', isPrivate: true }, t0);
    const open = await saveMemory(db, { text: 'open' }, t0);
    expect(await listQueued(db)).toEqual([open.id]);
    await editMemory(db, open.id, { isPrivate: true }, later(1));
    expect(await listQueued(db)).toEqual([]);
    expect(secret.isPrivate).toBe(true);
  });

  it('are skipped by the queue even if a stale item names them', async () => {
    const memory = await saveMemory(db, { text: 'made private elsewhere' }, t0);
    // A queue item left behind (an import, an older version): the queue itself refuses it.
    await db.memories.update(memory.id, { isPrivate: true });
    expect(await nextQueued(db)).toBeUndefined();
    expect(await listQueued(db)).toEqual([]);
  });

  it('are skipped and dropped by a batch too, which still fills up to its limit in saving order', async () => {
    const saved = [];
    for (const text of ['a', 'b', 'c', 'd', 'e']) saved.push(await saveMemory(db, { text }, t0));
    await db.memories.update(saved[1]!.id, { isPrivate: true });
    await moveToTrash(db, saved[2]!.id, t0);
    expect(await nextQueuedBatch(db, 2)).toEqual([saved[0]!.id, saved[3]!.id]);
    expect(await listQueued(db)).toEqual([saved[0]!.id, saved[3]!.id, saved[4]!.id]);
  });
});

describe('the Trash', () => {
  it('hides a memory, restores it, and purges it after 30 days', async () => {
    const memory = await saveMemory(db, { text: 'to the trash' }, t0);
    await moveToTrash(db, memory.id, t0);
    expect(await listMemories(db)).toEqual([]);
    expect((await listTrash(db)).map((m) => m.id)).toEqual([memory.id]);
    expect(await listQueued(db)).toEqual([]);
    await restoreFromTrash(db, memory.id, later(1));
    expect((await listMemories(db)).map((m) => m.id)).toEqual([memory.id]);
    expect(await listQueued(db)).toEqual([memory.id]);

    await moveToTrash(db, memory.id, t0);
    expect(await purgeTrash(db, new Date(t0.getTime() + 29 * 86_400_000))).toBe(0);
    expect(await purgeTrash(db, new Date(t0.getTime() + 31 * 86_400_000))).toBe(1);
    expect(await db.memories.count()).toBe(0);
    expect(await db.revisions.count()).toBe(0);
  });
});

describe('on this day', () => {
  it('lists memories from the same date in earlier years only', async () => {
    const old = await saveMemory(db, { text: 'a', writtenAt: '2023-03-01T09:00:00.000+08:00' }, t0);
    await saveMemory(db, { text: 'b', writtenAt: '2025-03-01T09:00:00.000+08:00' }, t0);
    await saveMemory(db, { text: 'c', writtenAt: '2023-03-02T09:00:00.000+08:00' }, t0);
    const today = new Date('2025-03-01T04:00:00.000Z');
    const found = await onThisDay(db, today);
    // The device's zone decides "today"; in any zone within a day of UTC+8 the 1 March memory shows.
    if (found.length > 0) expect(found.map((m) => m.id)).toEqual([old.id]);
  });
});

describe('upgrade from version 1', () => {
  it('gives every memory a first revision and puts it in the search index', async () => {
    db.close();
    await Dexie.delete(name);
    const v1 = new Dexie(name);
    v1.version(1).stores({
      memories: 'id, writtenAtMs',
      drafts: 'id',
      librarianQueue: '++seq, &entryId',
      shelves: 'id',
      kv: 'key',
    });
    await v1.table('memories').add({
      id: 'old-1',
      text: '和外婆包饺子',
      lang: 'zh',
      writtenAt: '2024-01-02T10:00:00.000+08:00',
      writtenAtMs: Date.parse('2024-01-02T10:00:00.000+08:00'),
      createdAt: '2024-01-02T02:00:00.000Z',
      librarianStatus: 'queued',
      catalog: null,
      reply: null,
      reasoning: null,
      usage: null,
      model: null,
      promptVersion: null,
      librarianError: null,
    });
    v1.close();

    db = createDatabase(name);
    const [memory] = await listMemories(db);
    expect(memory).toMatchObject({ id: 'old-1', mood: null, tags: [], isPrivate: false });
    expect(await listRevisions(db, 'old-1')).toHaveLength(1);
    expect((await searchIndex(db, '饺子')).map((r) => r.entryId)).toEqual(['old-1']);
  });
});
