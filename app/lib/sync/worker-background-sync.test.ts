import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importLibraryKey } from '#shared/sync/crypto';
import { saveCredentials } from '../db/credentials.ts';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { saveMemory } from '../db/memories.ts';
import { saveLibraryKey } from './keys/library-key.ts';
import { OUTBOX_SYNC_REQUEST, OUTBOX_SYNC_TAG } from './outbox-sync.ts';
import type { SyncBlocker } from './sync-report.ts';
import { createTestSyncServer, type TestSyncServer } from './test-server.ts';
import { handleSyncEvent, type SyncEvent } from './worker-background-sync.ts';

let server: TestSyncServer;
let page: MemoryLibraryDb | undefined;

beforeEach(() => {
  server = createTestSyncServer();
  // The worker's transport fetches relative URLs, as from the app's origin.
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) =>
    server.fetch(`http://sync.test${input}`, init),
  );
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await page?.delete();
  page = undefined;
});

/** The app's own database (the name the worker opens) with a device, its key and one waiting row. */
async function pageWithWaitingRow(): Promise<MemoryLibraryDb> {
  page = createDatabase();
  server.devices.set('token-a', 'device-a');
  await saveCredentials(page, { libraryId: 'lib-1', deviceId: 'device-a', token: 'token-a' });
  const key = await importLibraryKey(new Uint8Array(32).fill(7));
  await saveLibraryKey(page, { key, libraryId: 'lib-1' });
  await saveMemory(page, { text: 'written before the app was closed' }, new Date());
  return page;
}

/** Fires the handler as the browser would; resolves or rejects as the event's `waitUntil`. */
function fire(clients: Client[], lastChance = false): Promise<void> {
  let settled: Promise<unknown> | undefined;
  const event = {
    tag: OUTBOX_SYNC_TAG,
    lastChance,
    waitUntil: (promise: Promise<unknown>) => (settled = promise),
  } as unknown as SyncEvent;
  handleSyncEvent(event, { matchAll: () => Promise.resolve(clients) } as unknown as Clients);
  if (!settled) throw new Error('the handler did not extend the event');
  return settled.then(() => undefined);
}

/** An app window; a visible one answers the worker's request with `blocker`. */
function appWindow(visibilityState: DocumentVisibilityState, blocker: SyncBlocker = null) {
  const requests: unknown[] = [];
  const client = {
    visibilityState,
    postMessage: (message: unknown, [port]: MessagePort[]) => {
      requests.push(message);
      port?.postMessage({ blocker });
    },
  } as unknown as Client;
  return { client, requests };
}

describe('the service worker’s sync event (Background Sync)', () => {
  it('SYNC-21: with no page visible the worker pushes the outbox; a failed push rejects the event for a retry, except on its last chance', async () => {
    const db = await pageWithWaitingRow();
    const hidden = appWindow('hidden');

    server.isDown = true;
    await expect(fire([hidden.client])).rejects.toThrow();
    await expect(fire([hidden.client], true)).resolves.toBeUndefined();
    expect(await db.outbox.count()).toBe(1);

    server.isDown = false;
    await fire([hidden.client]);
    expect(await db.outbox.count()).toBe(0);
    expect(server.store.revisions).toHaveLength(1);
    expect(hidden.requests).toEqual([]);
  });

  it('SYNC-21: a visible page is asked to sync, its answer ends the event, and the worker does not push beside it', async () => {
    const db = await pageWithWaitingRow();
    const failing = appWindow('visible', 'failed');
    await expect(fire([failing.client])).rejects.toThrow();
    await expect(fire([failing.client], true)).resolves.toBeUndefined();
    expect(failing.requests).toEqual([
      { type: OUTBOX_SYNC_REQUEST },
      { type: OUTBOX_SYNC_REQUEST },
    ]);

    const notRegistered = appWindow('visible', 'not-registered');
    await expect(fire([notRegistered.client])).resolves.toBeUndefined();
    const synced = appWindow('visible', null);
    await expect(fire([appWindow('hidden').client, synced.client])).resolves.toBeUndefined();
    expect(synced.requests).toHaveLength(1);

    expect(server.calls).toEqual([]);
    expect(await db.outbox.count()).toBe(1);
  });

  it('SYNC-21: with no database of the app the event ends, and none is created', async () => {
    await expect(fire([])).resolves.toBeUndefined();
    expect(await indexedDB.databases()).toEqual([]);
    expect(server.calls).toEqual([]);
  });

  it('SYNC-21: another tag is not this handler’s', () => {
    const waitUntil = vi.fn();
    const event = { tag: 'something-else', lastChance: false, waitUntil } as unknown as SyncEvent;
    handleSyncEvent(event, { matchAll: () => Promise.resolve([]) } as unknown as Clients);
    expect(waitUntil).not.toHaveBeenCalled();
  });
});
