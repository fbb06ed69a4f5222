import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type MemoryLibraryDb } from './database.ts';
import { clearDraft, loadDraft, saveDraft } from './drafts.ts';

let db: MemoryLibraryDb;
const now = new Date('2025-03-01T13:00:00.000Z');

beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await db.delete();
});

describe('drafts', () => {
  it('saves and loads the latest text', async () => {
    await saveDraft(db, 'first', now);
    await saveDraft(db, 'first words\nand more', now);
    expect(await loadDraft(db)).toEqual({
      id: 'write',
      text: 'first words\nand more',
      updatedAt: now.toISOString(),
    });
  });

  it('keeps drafts of different surfaces apart', async () => {
    await saveDraft(db, 'new', now);
    await saveDraft(db, 'edit', now, 'edit:1');
    expect((await loadDraft(db))?.text).toBe('new');
    expect((await loadDraft(db, 'edit:1'))?.text).toBe('edit');
  });

  it('treats saving empty text as clearing', async () => {
    await saveDraft(db, 'something', now);
    await saveDraft(db, '', now);
    expect(await loadDraft(db)).toBeUndefined();
  });

  it('clears the draft', async () => {
    await saveDraft(db, 'something', now);
    await clearDraft(db);
    expect(await loadDraft(db)).toBeUndefined();
  });

  it('survives reopening the database', async () => {
    await saveDraft(db, 'kept', now);
    db.close();
    const reopened = createDatabase(db.name);
    expect((await loadDraft(reopened))?.text).toBe('kept');
    reopened.close();
    await db.open();
  });
});
