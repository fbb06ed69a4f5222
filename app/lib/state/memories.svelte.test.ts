import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { loadDraft, saveDraft } from '../db/drafts.ts';
import { listQueued, saveMemory } from '../db/memories.ts';
import { MemoriesState } from './memories.svelte.ts';
import { SyncStatusState } from './sync-status.svelte.ts';

let db: MemoryLibraryDb;

beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await db.delete();
});

describe('MemoriesState', () => {
  it('loads newest first and shows a new memory at once, in time order', async () => {
    await saveMemory(db, { text: 'old', writtenAt: '2025-01-01T10:00:00+08:00' }, new Date());
    await saveMemory(db, { text: 'newer', writtenAt: '2025-02-01T10:00:00+08:00' }, new Date());
    const memories = new MemoriesState(db, () => new Date('2025-03-01T00:00:00Z'));
    await memories.load();
    await memories.save('newest');
    expect(memories.items.map((memory) => memory.text)).toEqual(['newest', 'newer', 'old']);
    expect(memories.queuedCount).toBe(3);
  });

  it('saves the memory, queues it and clears the draft in one transaction', async () => {
    await saveDraft(db, 'the text', new Date());
    const memories = new MemoriesState(db);
    const memory = await memories.save('the text');
    expect(await loadDraft(db)).toBeUndefined();
    expect(await listQueued(db)).toEqual([memory.id]);
  });

  it('replaces a memory with its catalogued copy', async () => {
    const memories = new MemoriesState(db);
    const memory = await memories.save('x');
    memories.replace({ ...memory, librarianStatus: 'catalogued' });
    expect(memories.items).toHaveLength(1);
    expect(memories.queuedCount).toBe(0);
  });
});

describe('SyncStatusState', () => {
  it('shows Saving… then Saved, also when offline', () => {
    const status = new SyncStatusState();
    status.reset(false);
    expect(status.messageKey).toBe('status.offline');
    status.saveStarted();
    expect(status.messageKey).toBe('status.saving');
    status.saveFinished(true, false);
    expect(status.messageKey).toBe('status.saved');
  });

  it('follows the network when nothing is being saved', () => {
    const status = new SyncStatusState();
    status.connectivityChanged(false);
    expect(status.phase).toBe('offline');
    status.connectivityChanged(true);
    expect(status.phase).toBe('saved');
  });

  it('keeps Saving… until every save in flight has finished', () => {
    const status = new SyncStatusState();
    status.saveStarted();
    status.saveStarted();
    status.saveFinished(true, true);
    status.connectivityChanged(false);
    expect(status.phase).toBe('saving');
    status.saveFinished(true, false);
    expect(status.phase).toBe('saved');
  });

  it('after a failed save shows the network state, not Saved', () => {
    const status = new SyncStatusState();
    status.saveStarted();
    status.saveFinished(false, false);
    expect(status.phase).toBe('offline');
  });
});
