import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHlc } from '#shared/sync/hlc';
import { createDatabase, type MemoryLibraryDb } from './database.ts';
import { editMemory, restoreRevision, saveMemory } from './memories.ts';
import { readSyncClock } from './sync-outbox.ts';
import { moveToTrash, restoreFromTrash } from './trash.ts';

let name: string;
let db: MemoryLibraryDb;

beforeEach(() => {
  name = `outbox-${crypto.randomUUID()}`;
  db = createDatabase(name);
});

afterEach(async () => {
  await db.delete();
});

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 8, minute));

async function inSavingOrder() {
  return (await db.revisions.toArray()).sort((a, b) => a.createdAtMs - b.createdAtMs);
}

describe('the save path queues every revision (SYNC-2, SYNC-3, SYNC-10)', () => {
  it('SYNC-10: save, edit, restore, Trash and back each write one revision and one outbox row', async () => {
    const memory = await saveMemory(db, { text: 'first words', mood: 'calm' }, at(1));
    await editMemory(db, memory.id, { text: 'second words' }, at(2));
    await restoreRevision(db, memory.id, memory.headRevId, at(3));
    await moveToTrash(db, memory.id, at(4));
    await restoreFromTrash(db, memory.id, at(5));

    const revisions = await db.revisions.toArray();
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((row) => row.revId).sort()).toEqual(revisions.map((r) => r.revId).sort());
    // SYNC-2: 1, 2, 3 … in saving order, and the clock remembers the next one.
    expect(rows.map((row) => row.mutationId)).toEqual(rows.map((_, index) => index + 1));
    expect((await readSyncClock(db.kv, 'x')).nextMutationId).toBe(rows.length + 1);
  });

  it('SYNC-3: HLCs grow with every save, even when the wall clock goes back', async () => {
    const memory = await saveMemory(db, { text: 'a' }, at(10));
    await editMemory(db, memory.id, { text: 'b' }, at(5));
    await editMemory(db, memory.id, { text: 'c' }, at(5));
    const hlcs = (await inSavingOrder()).map((r) => r.hlc as string);
    const sorted = [...hlcs].sort();
    expect(new Set(hlcs).size).toBe(3);
    // The first save (minute 10) comes first by HLC although the later ones have earlier times.
    const first = (await db.revisions.where('entryId').equals(memory.id).toArray()).find(
      (revision) => revision.parentRevId === null,
    );
    expect(sorted[0]).toBe(first?.hlc);
    expect(parseHlc(sorted[2] as string).ms).toBeGreaterThanOrEqual(at(10).getTime());
  });

  it('SYNC-13: an edit stamps only the fields it changed', async () => {
    const memory = await saveMemory(db, { text: 'words', mood: 'calm', tags: ['a'] }, at(1));
    const edited = await editMemory(db, memory.id, { mood: 'happy' }, at(2));
    const [first, second] = await inSavingOrder();
    expect(second?.stamps?.mood).toBe(second?.hlc);
    expect(second?.stamps?.tags).toBe(first?.hlc);
    expect(second?.stamps?.deleted).toBe(first?.hlc);
    expect(edited.stamps).toEqual(second?.stamps);
  });

  it('SYNC-10: a failed save leaves neither revision nor outbox row', async () => {
    await expect(
      db.transaction(
        'rw',
        [db.memories, db.revisions, db.librarianQueue, db.searchDocs, db.kv, db.outbox],
        async () => {
          await saveMemory(db, { text: 'rolled back' }, at(1));
          throw new Error('crash before commit');
        },
      ),
    ).rejects.toThrow('crash before commit');
    expect(await db.revisions.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('SYNC-12: a save on an entry with several heads closes all of them, even with the same text', async () => {
    const memory = await saveMemory(db, { text: 'shown text' }, at(1));
    const other = 'concurrent-head';
    await db.memories.update(memory.id, {
      headRevIds: [memory.headRevId, other],
      hasConflict: true,
    });
    const kept = await editMemory(db, memory.id, { text: 'shown text' }, at(2));
    const revision = await db.revisions.get(kept.headRevId);
    expect(revision).toMatchObject({ parentRevId: memory.headRevId, mergedRevIds: [other] });
    expect(kept.headRevIds).toBeUndefined();
    expect(kept.hasConflict).toBeUndefined();
  });
});

describe('upgrade to version 3', () => {
  it('gives every existing revision an HLC in saving order and queues it; a trashed memory gets a delete', async () => {
    db.close();
    await Dexie.delete(name);
    const v2 = new Dexie(name);
    v2.version(2).stores({
      memories: 'id, writtenAtMs, deletedAtMs, monthDay',
      drafts: 'id',
      librarianQueue: '++seq, &entryId',
      shelves: 'id',
      kv: 'key',
      revisions: 'revId, entryId',
      searchTerms: '[term+chunk]',
      searchDocs: 'entryId, pending',
      searchBlocks: 'block',
    });
    const revision = (
      revId: string,
      parentRevId: string | null,
      ms: number,
      mood: string | null,
    ) => ({
      revId,
      entryId: 'm1',
      parentRevId,
      deviceId: 'local',
      text: revId,
      writtenAt: '2026-01-01T08:00:00+08:00',
      mood,
      tags: [],
      isPrivate: false,
      createdAt: new Date(ms).toISOString(),
      createdAtMs: ms,
      reason: 'edit',
    });
    await v2
      .table('revisions')
      .bulkAdd([revision('r2', 'r1', 2_000, 'joy'), revision('r1', null, 1_000, null)]);
    await v2.table('memories').add({
      id: 'm1',
      text: 'r2',
      headRevId: 'r2',
      deletedAt: '2026-01-02T00:00:00.000Z',
      deletedAtMs: 5_000,
      writtenAt: '2026-01-01T08:00:00+08:00',
      writtenAtMs: 0,
      mood: 'joy',
      tags: [],
      isPrivate: false,
    });
    await v2.table('kv').put({ key: 'localDeviceId', value: 'local' });
    v2.close();

    db = createDatabase(name);
    const rows = await db.outbox.orderBy('seq').toArray();
    const byId = new Map((await db.revisions.toArray()).map((r) => [r.revId, r]));
    expect(rows.slice(0, 2).map((row) => [row.revId, row.mutationId])).toEqual([
      ['r1', 1],
      ['r2', 2],
    ]);
    expect(rows).toHaveLength(3);
    const deletion = byId.get(rows[2]?.revId as string);
    expect(deletion).toMatchObject({ parentRevId: 'r2', isDeleted: true });
    expect((byId.get('r1')?.hlc as string) < (byId.get('r2')?.hlc as string)).toBe(true);
    expect(byId.get('r2')?.stamps?.mood).toBe(byId.get('r2')?.hlc);
    expect(byId.get('r2')?.stamps?.tags).toBe(byId.get('r1')?.hlc);
    expect((await db.memories.get('m1'))?.headRevId).toBe(deletion?.revId);
  });
});
