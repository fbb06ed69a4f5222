import { afterEach, describe, expect, it } from 'vitest';
import { importLibraryKey } from '#shared/sync/crypto';
import { saveCredentials } from '../db/credentials.ts';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { listMemories, saveMemory } from '../db/memories.ts';
import { SyncEngine } from './engine.ts';
import { saveLibraryKey } from './keys/library-key.ts';
import { readSyncState } from './sync-state.ts';
import { createTestSyncServer, type TestSyncServer } from './test-server.ts';
import { createSyncTransport } from './transport.ts';
import { openExistingDatabase } from './worker-database.ts';
import { pushFromWorker } from './worker-push.ts';

const LIBRARY = 'lib-1';
const opened: MemoryLibraryDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** A device's database as the service worker opens it: credentials, key, outbox. */
async function deviceDb(
  server: TestSyncServer,
  name: string,
  options: { key?: boolean } = {},
): Promise<MemoryLibraryDb> {
  const db = createDatabase(`worker-push-${name}-${crypto.randomUUID()}`);
  opened.push(db);
  const token = `token-${name}`;
  server.devices.set(token, `device-${name}`);
  await saveCredentials(db, { libraryId: LIBRARY, deviceId: `device-${name}`, token });
  if (options.key !== false) {
    const key = await importLibraryKey(new Uint8Array(32).fill(7));
    await saveLibraryKey(db, { key, libraryId: LIBRARY });
  }
  return db;
}

const transportFor = (server: TestSyncServer) => (token: string) =>
  createSyncTransport({ token, fetch: server.fetch, baseUrl: 'http://sync.test' });

const engineFor = (server: TestSyncServer, db: MemoryLibraryDb, onPushDeferred?: () => void) =>
  new SyncEngine({ db, transportFor: transportFor(server), onPushDeferred });

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 8, minute));

describe('the service worker pushes the outbox (Background Sync)', () => {
  it('SYNC-21: pushes every waiting row with the page’s push code; another device receives them', async () => {
    const server = createTestSyncServer();
    const a = await deviceDb(server, 'a');
    await saveMemory(a, { text: '河边的早晨' }, at(1));
    await saveMemory(a, { text: 'Written on the train' }, at(2));

    expect(await pushFromWorker({ db: a, transportFor: transportFor(server) })).toBe('synced');
    expect(await a.outbox.count()).toBe(0);
    expect(server.store.revisions).toHaveLength(2);
    expect(JSON.stringify(server.store.revisions)).not.toContain('河边');
    // Pulling stays with the page: the worker only asked whether the ids were safe to use.
    expect(server.calls).toEqual(['/api/v1/sync/pull', '/api/v1/sync/push']);
    expect((await readSyncState(a)).cursor).toBe(0);

    const b = await deviceDb(server, 'b');
    await engineFor(server, b).sync();
    expect((await listMemories(b)).map((memory) => memory.text).sort()).toEqual([
      'Written on the train',
      '河边的早晨',
    ]);
  });

  it('SYNC-21: the worker opens the page’s database as it is, and never creates one', async () => {
    const server = createTestSyncServer();
    expect(await openExistingDatabase(`worker-push-absent-${crypto.randomUUID()}`)).toBeNull();
    const page = createDatabase();
    opened.push(page);
    await saveCredentials(page, { libraryId: LIBRARY, deviceId: 'device-a', token: 'token-a' });
    server.devices.set('token-a', 'device-a');
    const key = await importLibraryKey(new Uint8Array(32).fill(7));
    await saveLibraryKey(page, { key, libraryId: LIBRARY });
    await saveMemory(page, { text: 'opened by the worker' }, at(1));

    const worker = await openExistingDatabase();
    expect(worker).not.toBeNull();
    if (!worker) return;
    try {
      expect(await pushFromWorker({ db: worker, transportFor: transportFor(server) })).toBe(
        'synced',
      );
    } finally {
      worker.close();
    }
    expect(await page.outbox.count()).toBe(0);
    expect(server.store.revisions).toHaveLength(1);
  });

  it('SYNC-21, SYNC-10: offline or an answer lost after the commit keeps the rows for a retry, and the retry stores nothing twice', async () => {
    const server = createTestSyncServer();
    const a = await deviceDb(server, 'a');
    // Synced once by the page, so the worker trusts its mutation ids without asking.
    await saveMemory(a, { text: 'on the platform' }, at(1));
    await engineFor(server, a).sync();
    await saveMemory(a, { text: 'no signal' }, at(2));
    const push = () => pushFromWorker({ db: a, transportFor: transportFor(server) });

    server.isDown = true;
    expect(await push()).toBe('retry');
    expect(await a.outbox.count()).toBe(1);

    server.isDown = false;
    server.loseNextPushAnswer = true;
    expect(await push()).toBe('retry');
    expect(await a.outbox.count()).toBe(1);
    expect(server.store.revisions).toHaveLength(2);

    expect(await push()).toBe('synced');
    expect(await a.outbox.count()).toBe(0);
    expect(server.store.revisions).toHaveLength(2);
  });

  it('SYNC-21, SYNC-6: the worker and a page pushing the same rows at once store each revision once', async () => {
    const server = createTestSyncServer();
    const a = await deviceDb(server, 'a');
    for (let minute = 1; minute <= 5; minute += 1) {
      await saveMemory(a, { text: `memory ${minute}` }, at(minute));
    }
    // No Web Locks in Node: both really run side by side, as in a browser without them.
    const [outcome] = await Promise.all([
      pushFromWorker({ db: a, transportFor: transportFor(server) }),
      engineFor(server, a).sync(),
    ]);
    expect(outcome).toBe('synced');
    expect(await a.outbox.count()).toBe(0);
    expect(server.store.revisions).toHaveLength(5);
    expect(new Set(server.store.revisions.map((revision) => revision.revId)).size).toBe(5);
  });

  it('SYNC-21: without a key, credentials or a valid token there is nothing to retry', async () => {
    const server = createTestSyncServer();
    const noKey = await deviceDb(server, 'a', { key: false });
    await saveMemory(noKey, { text: 'waits for the key' }, at(1));
    expect(await pushFromWorker({ db: noKey, transportFor: transportFor(server) })).toBe('blocked');

    const revoked = await deviceDb(server, 'b');
    await saveMemory(revoked, { text: 'after revoke' }, at(1));
    server.devices.delete('token-b');
    expect(await pushFromWorker({ db: revoked, transportFor: transportFor(server) })).toBe(
      'blocked',
    );
    expect(await revoked.outbox.count()).toBe(1);

    const unregistered = createDatabase(`worker-push-none-${crypto.randomUUID()}`);
    opened.push(unregistered);
    expect(await pushFromWorker({ db: unregistered, transportFor: transportFor(server) })).toBe(
      'blocked',
    );
    expect(server.store.revisions).toHaveLength(0);
  });

  it('SYNC-21, SYNC-15a: a cleared database whose mutation ids the server has seen is left to the page', async () => {
    const server = createTestSyncServer();
    const before = await deviceDb(server, 'a');
    await saveMemory(before, { text: 'before' }, at(1));
    await engineFor(server, before).sync();
    // The browser cleared the database; the same device writes again from mutation id 1.
    const restored = await deviceDb(server, 'a');
    await saveMemory(restored, { text: 'after' }, at(2));

    expect(await pushFromWorker({ db: restored, transportFor: transportFor(server) })).toBe(
      'blocked',
    );
    // Pushed as id 1, the server would have acked it as the old row and never stored it.
    expect(await restored.outbox.count()).toBe(1);
    // The page renumbers the row (SYNC-15a) and pushes it.
    await engineFor(server, restored).sync();
    expect(await restored.outbox.count()).toBe(0);
    expect(server.store.revisions).toHaveLength(2);
  });

  it('SYNC-21: the page asks for a Background Sync only when rows wait and the push could not happen', async () => {
    const server = createTestSyncServer();
    const a = await deviceDb(server, 'a');
    let deferred = 0;
    const engine = engineFor(server, a, () => (deferred += 1));
    await engine.sync();
    expect(deferred).toBe(0);

    await saveMemory(a, { text: 'offline save' }, at(1));
    server.isDown = true;
    await engine.sync();
    expect(deferred).toBe(1);

    server.isDown = false;
    await engine.sync();
    expect(deferred).toBe(1);
    expect(await a.outbox.count()).toBe(0);
  });
});
