import { afterEach, describe, expect, it, vi } from 'vitest';
import { importLibraryKey } from '#shared/sync/crypto';
import { saveCredentials } from '../db/credentials.ts';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { editMemory, listMemories, saveMemory } from '../db/memories.ts';
import { searchIndex } from '../db/search-query.ts';
import { deleteForever, moveToTrash } from '../db/trash.ts';
import { SyncEngine } from './engine.ts';
import { saveLibraryKey } from './keys/library-key.ts';
import { readSyncState, writeSyncState } from './sync-state.ts';
import { createTestSyncServer, type TestSyncServer } from './test-server.ts';
import { createSyncTransport } from './transport.ts';

const LIBRARY = 'lib-1';
const opened: MemoryLibraryDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function libraryKey(seed = 7): Promise<CryptoKey> {
  return importLibraryKey(new Uint8Array(32).fill(seed));
}

interface Device {
  db: MemoryLibraryDb;
  engine: SyncEngine;
}

async function device(
  server: TestSyncServer,
  name: string,
  options: { key?: CryptoKey | null; db?: MemoryLibraryDb } = {},
): Promise<Device> {
  const db = options.db ?? createDatabase(`sync-${name}-${crypto.randomUUID()}`);
  opened.push(db);
  const token = `token-${name}`;
  server.devices.set(token, `device-${name}`);
  await saveCredentials(db, { libraryId: LIBRARY, deviceId: `device-${name}`, token });
  const key = options.key === undefined ? await libraryKey() : options.key;
  if (key) await saveLibraryKey(db, { key, libraryId: LIBRARY });
  const engine = new SyncEngine({
    db,
    transportFor: (bearer) =>
      createSyncTransport({ token: bearer, fetch: server.fetch, baseUrl: 'http://sync.test' }),
  });
  return { db, engine };
}

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 8, minute));

async function texts(db: MemoryLibraryDb): Promise<string[]> {
  return (await listMemories(db)).map((memory) => memory.text).sort();
}

describe('sync engine against the server rules', () => {
  it('SYNC-10: pushes the outbox, removes only answered rows, and the other device pulls it', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    const b = await device(server, 'b');
    await saveMemory(a.db, { text: '外婆的桂花糕', writtenAt: '2026-04-30T20:00:00+08:00' }, at(1));
    await saveMemory(
      a.db,
      { text: 'First snow on the river', mood: 'calm', tags: ['winter'] },
      at(2),
    );

    await a.engine.sync();
    expect(a.engine.report).toMatchObject({ waiting: 0, blocker: null, error: null });
    expect(await a.db.outbox.count()).toBe(0);
    expect(server.store.revisions).toHaveLength(2);
    // SYNC-16: the server holds ciphertext only.
    expect(JSON.stringify(server.store.revisions)).not.toContain('桂花糕');

    await b.engine.sync();
    expect(await texts(b.db)).toEqual(['First snow on the river', '外婆的桂花糕']);
    const snow = (await listMemories(b.db)).find((memory) => memory.text.startsWith('First'));
    expect(snow).toMatchObject({ mood: 'calm', tags: ['winter'], librarianStatus: 'queued' });
    const cake = (await listMemories(b.db)).find((memory) => memory.text === '外婆的桂花糕');
    expect(cake?.writtenAt).toBe('2026-04-30T20:00:00+08:00');
    expect((await searchIndex(b.db, '桂花')).map((hit) => hit.entryId)).toEqual([cake?.id]);
    expect(b.engine.report.lastSyncedAt).not.toBeNull();
  });

  it('SYNC-6, SYNC-10: an answer lost after the commit leaves the rows, and the retry stores nothing twice', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    await saveMemory(a.db, { text: 'one' }, at(1));
    server.loseNextPushAnswer = true;
    await a.engine.sync();
    expect(a.engine.report.blocker).toBe('offline');
    expect(await a.db.outbox.count()).toBe(1);
    expect(server.store.revisions).toHaveLength(1);

    await a.engine.sync();
    expect(await a.db.outbox.count()).toBe(0);
    expect(server.store.revisions).toHaveLength(1);
  });

  it('SYNC-12: edits to different lines merge; edits to the same line keep both versions', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    const b = await device(server, 'b');
    const memory = await saveMemory(a.db, { text: 'line one\nline two\nline three' }, at(1));
    await a.engine.sync();
    await b.engine.sync();

    await editMemory(a.db, memory.id, { text: 'line ONE\nline two\nline three' }, at(2));
    await editMemory(b.db, memory.id, { text: 'line one\nline two\nline THREE' }, at(3));
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    for (const { db } of [a, b]) {
      const merged = await db.memories.get(memory.id);
      expect(merged).toMatchObject({ text: 'line ONE\nline two\nline THREE' });
      expect(merged?.headRevIds).toHaveLength(2);
      expect(merged?.hasConflict).toBeUndefined();
    }

    await editMemory(a.db, memory.id, { text: 'A wrote this' }, at(4));
    await editMemory(b.db, memory.id, { text: 'B wrote that' }, at(5));
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    const conflicted = await a.db.memories.get(memory.id);
    expect(conflicted?.hasConflict).toBe(true);
    expect(conflicted?.headRevIds).toHaveLength(2);

    // Keeping one version closes every head (SYNC-12), even when it is the text shown.
    await editMemory(a.db, memory.id, { text: conflicted?.text as string }, at(6));
    await a.engine.sync();
    await b.engine.sync();
    for (const { db } of [a, b]) {
      const resolved = await db.memories.get(memory.id);
      expect(resolved?.hasConflict).toBeUndefined();
      expect(resolved?.headRevIds).toBeUndefined();
      expect(resolved?.text).toBe(conflicted?.text);
    }
    // Nothing discarded: both versions are still in the history.
    const history = (await b.db.revisions.where('entryId').equals(memory.id).toArray()).map(
      (revision) => revision.text,
    );
    expect(history).toEqual(expect.arrayContaining(['A wrote this', 'B wrote that']));
  });

  it('SYNC-14: a delete concurrent with an edit keeps the memory and says so', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    const b = await device(server, 'b');
    const memory = await saveMemory(a.db, { text: 'keep me' }, at(1));
    await a.engine.sync();
    await b.engine.sync();
    await moveToTrash(a.db, memory.id, at(2));
    await editMemory(b.db, memory.id, { text: 'keep me, edited' }, at(3));
    await a.engine.sync();
    await b.engine.sync();
    await a.engine.sync();
    for (const { db } of [a, b]) {
      expect(await db.memories.get(memory.id)).toMatchObject({
        text: 'keep me, edited',
        deletedAt: null,
        isDeleteOverridden: true,
      });
    }
    // A plain delete does travel.
    await moveToTrash(b.db, memory.id, at(4));
    await b.engine.sync();
    await a.engine.sync();
    expect((await a.db.memories.get(memory.id))?.deletedAt).not.toBeNull();
    expect(await texts(a.db)).toEqual([]);
  });

  it('a memory deleted forever does not come back when everything is pulled again', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    const gone = await saveMemory(a.db, { text: 'gone for good' }, at(1));
    await saveMemory(a.db, { text: 'stays' }, at(2));
    await a.engine.sync();
    await moveToTrash(a.db, gone.id, at(3));
    await deleteForever(a.db, gone.id);
    await a.engine.sync();
    // As a full reconcile does (SYNC-15): forget what was pulled and pull it all again.
    await a.db.syncPulled.clear();
    await writeSyncState(a.db, { ...(await readSyncState(a.db)), cursor: 0 });
    await a.engine.sync();
    expect(a.engine.report.error).toBeNull();
    expect(await texts(a.db)).toEqual(['stays']);
    expect(await a.db.memories.get(gone.id)).toBeUndefined();
    expect(await a.db.revisions.where('entryId').equals(gone.id).count()).toBe(0);
    // Every server revision counts as pulled, so the digest still matches.
    expect(await a.db.syncPulled.count()).toBe(server.store.revisions.length);
  });

  it('SYNC-9: a revision too large for the server is kept as not synced and does not block the queue', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    await saveMemory(a.db, { text: '字'.repeat(60_000) }, at(1));
    await saveMemory(a.db, { text: 'small and fine' }, at(2));
    await a.engine.sync();
    expect(a.engine.report.waiting).toBe(0);
    expect(a.engine.report.notSynced).toEqual([expect.objectContaining({ reason: 'too-large' })]);
    expect(server.store.revisions).toHaveLength(1);
  });

  it('pushes nothing without a library key and says why', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a', { key: null });
    await saveMemory(a.db, { text: 'waiting for a key' }, at(1));
    await a.engine.sync();
    expect(a.engine.report).toMatchObject({ blocker: 'no-key', waiting: 1 });
    expect(server.calls).toEqual([]);
    await saveLibraryKey(a.db, { key: await libraryKey(), libraryId: LIBRARY });
    await a.engine.keyChanged();
    expect(a.engine.report).toMatchObject({ blocker: null, waiting: 0 });
  });

  it('SYNC-17: a revision that will not decrypt is reported and never applied as empty text', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    const b = await device(server, 'b', { key: await libraryKey(9) });
    await saveMemory(a.db, { text: 'only for the right key' }, at(1));
    await a.engine.sync();
    await b.engine.sync();
    expect(b.engine.report.unreadable).toBe(1);
    expect(await b.db.memories.count()).toBe(0);
    // The right key arrives: the revision is pulled again and opens.
    await saveLibraryKey(b.db, { key: await libraryKey(), libraryId: LIBRARY });
    await b.engine.keyChanged();
    expect(b.engine.report.unreadable).toBe(0);
    expect(await texts(b.db)).toEqual(['only for the right key']);
  });

  it('SYNC-15: a digest mismatch triggers a full reconcile that pushes what the server lacks', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    await saveMemory(a.db, { text: 'one' }, at(1));
    await saveMemory(a.db, { text: 'two' }, at(2));
    await a.engine.sync();
    // The server lost its log (restored from an old backup): the digests now differ.
    const lost = createTestSyncServer();
    lost.devices.set('token-a', 'device-a');
    const fresh = new SyncEngine({
      db: a.db,
      transportFor: (token) =>
        createSyncTransport({ token, fetch: lost.fetch, baseUrl: 'http://sync.test' }),
    });
    await fresh.sync();
    expect(fresh.report.notice).toEqual({ kind: 'reconciled', resent: 2 });
    expect(fresh.report.error).toBeNull();
    expect(lost.store.revisions.map((revision) => revision.revId).sort()).toEqual(
      (await a.db.revisions.toCollection().primaryKeys()).sort(),
    );
  });

  it('SYNC-15a: a device whose data was cleared continues after its last mutation id', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    await saveMemory(a.db, { text: 'before' }, at(1));
    await saveMemory(a.db, { text: 'also before' }, at(2));
    await a.engine.sync();
    // The database is gone; credentials and key come back (as after re-pairing with the same id).
    const restored = await device(server, 'a');
    await saveMemory(restored.db, { text: 'after' }, at(3));
    expect((await restored.db.outbox.toArray()).map((row) => row.mutationId)).toEqual([1]);
    await restored.engine.sync();
    expect(restored.engine.report.notice).toMatchObject({ kind: 'evicted' });
    expect(await texts(restored.db)).toEqual(['after', 'also before', 'before']);
    expect(server.store.revisions).toHaveLength(3);
  });

  it('SYNC-15a: a cleared device that wrote as much afterwards as before loses nothing', async () => {
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    await saveMemory(a.db, { text: 'before' }, at(1));
    await a.engine.sync();
    const restored = await device(server, 'a');
    await saveMemory(restored.db, { text: 'after' }, at(2));
    // Its id 1 is one the server has seen: pushed as is, it would be acked and never stored.
    await restored.engine.sync();
    expect(await restored.db.outbox.count()).toBe(0);
    expect(server.store.revisions).toHaveLength(2);
    const b = await device(server, 'b');
    await b.engine.sync();
    expect(await texts(b.db)).toEqual(['after', 'before']);
  });

  it('SYNC-7: a refused token stops syncing and reports the device as not registered', async () => {
    const server = createTestSyncServer();
    const refused: string[] = [];
    const a = await device(server, 'a');
    const engine = new SyncEngine({
      db: a.db,
      transportFor: (token) =>
        createSyncTransport({ token, fetch: server.fetch, baseUrl: 'http://sync.test' }),
      onTokenRefused: (token) => refused.push(token),
    });
    await saveMemory(a.db, { text: 'after revoke' }, at(1));
    server.devices.delete('token-a');
    await engine.sync();
    expect(refused).toEqual(['token-a']);
    expect(engine.report).toMatchObject({ blocker: 'not-registered', waiting: 1 });
  });

  it('counts a queued change as waiting at once, before the push that follows a moment later', async () => {
    vi.stubGlobal('window', new EventTarget());
    vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
    const server = createTestSyncServer();
    const a = await device(server, 'a');
    const stop = a.engine.start();
    try {
      await vi.waitFor(() => expect(a.engine.report.lastSyncedAt).not.toBeNull());
      expect(a.engine.report.waiting).toBe(0);
      const callsBefore = server.calls.length;

      await saveMemory(a.db, { text: 'queued a moment ago' }, at(1));
      expect(a.engine.report).toMatchObject({ isSyncing: false, waiting: 1 });
      expect(server.calls.slice(callsBefore)).not.toContain('/api/v1/sync/push');
    } finally {
      stop();
      vi.unstubAllGlobals();
    }
  });
});
