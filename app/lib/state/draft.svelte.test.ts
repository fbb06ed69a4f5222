import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { loadDraft, saveDraft } from '../db/drafts.ts';
import { DraftState } from './draft.svelte.ts';
import { MemoriesState } from './memories.svelte.ts';

const now = new Date('2025-03-01T13:00:00.000Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let db: MemoryLibraryDb;
let draft: DraftState;

beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
  draft = new DraftState(db, { delayMs: 40, clock: () => now });
});

afterEach(async () => {
  draft.reset();
  await db.delete();
});

describe('DraftState', () => {
  it('autosaves after a pause in typing, not on every keystroke', async () => {
    draft.setText('H');
    draft.setText('He');
    draft.setText('Hello');
    expect(await loadDraft(db)).toBeUndefined();
    await sleep(100);
    expect((await loadDraft(db))?.text).toBe('Hello');
  });

  it('saves at once when asked (page hidden, update about to reload)', async () => {
    draft.setText('Before the phone locks');
    await draft.flush();
    expect((await loadDraft(db))?.text).toBe('Before the phone locks');
  });

  it('brings back the draft of an earlier session', async () => {
    await saveDraft(db, 'unsaved words\nline two', now);
    await draft.load();
    expect(draft.text).toBe('unsaved words\nline two');
    expect(draft.restored).toBe(true);
  });

  it('does not overwrite what the person already typed with an old draft', async () => {
    await saveDraft(db, 'old', now);
    draft.setText('new');
    await draft.load();
    expect(draft.text).toBe('new');
  });

  it('keeps words typed before the draft was read after the restored ones, saved at once', async () => {
    await saveDraft(db, 'yesterday, unsaved', now);
    await draft.load();
    draft.keepTypedBeforeLoad('typed while it loaded');
    expect(draft.text).toBe('yesterday, unsaved\n\ntyped while it loaded');
    expect(draft.restored).toBe(true);
    await draft.settled();
    expect((await loadDraft(db))?.text).toBe('yesterday, unsaved\n\ntyped while it loaded');
  });

  it('takes words typed before loading as they are when there was no draft', async () => {
    await draft.load();
    draft.keepTypedBeforeLoad('first words');
    expect(draft.text).toBe('first words');
    expect(draft.restored).toBe(false);
    await draft.settled();
    expect((await loadDraft(db))?.text).toBe('first words');
  });

  it('knows a whitespace-only text is blank', () => {
    draft.setText(' \n\t');
    expect(draft.isBlank).toBe(true);
    draft.setText(' a ');
    expect(draft.isBlank).toBe(false);
  });

  it('is cleared with the memory save and not brought back by a late autosave', async () => {
    const memories = new MemoriesState(db, () => now);
    draft.setText('A memory');
    draft.cancelAutosave();
    await draft.settled();
    await memories.save(draft.text);
    draft.saved('A memory');
    await sleep(100);
    expect(draft.text).toBe('');
    expect(await loadDraft(db)).toBeUndefined();
    expect(memories.items.map((memory) => memory.text)).toEqual(['A memory']);
  });

  it('keeps words typed while the save ran', async () => {
    draft.setText('Saved part');
    draft.setText('Saved part and more');
    draft.saved('Saved part');
    await draft.settled();
    expect(draft.text).toBe('Saved part and more');
    expect((await loadDraft(db))?.text).toBe('Saved part and more');
  });
});
