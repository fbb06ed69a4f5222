import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompareItem } from '#shared/compare';
import type { CatalogResult, LibrarianCatalog } from '#shared/librarian';
import { saveComparison } from '../db/comparisons.ts';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { attachDeviceCard } from '../db/device-catalog.ts';
import { attachLibrarianResult, editMemory, saveMemory } from '../db/memories.ts';
import { moveToTrash } from '../db/trash.ts';
import {
  buildFineTuningJsonl,
  buildPreferenceJsonl,
  TRAINING_SYSTEM_PROMPT,
  userMessageFor,
} from './training-export.ts';
import { testCard, testResult, testUsage } from '../testing/librarian-results.ts';

const t0 = new Date('2025-03-01T13:00:00.000Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const card = (shelf: string): LibrarianCatalog =>
  testCard({
    title: 'Tea',
    summary: 'Tea with Lin.',
    shelf,
    emotions: [{ name: 'calm', intensity: 0.5 }],
    people: ['Lin'],
    keywords: ['tea'],
    whyHere: 'Evenings.',
  });

const result = (entryId: string, reply: string, catalog: LibrarianCatalog | null): CatalogResult =>
  testResult(entryId, { reply, catalog });

const item = (model: string, entryId: string, catalog: LibrarianCatalog | null): CompareItem => ({
  model,
  ok: true,
  result: { ...result(entryId, `${model} replies`, catalog), model, notebook: [] },
  latencyMs: 10,
  usage: testUsage(),
  costUsd: null,
  cacheShare: 0,
});

const lines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** The memories' words in a fine-tuning file, read back from each user message. */
const exportedTexts = (text: string) =>
  lines(text).map((line) => {
    const [, user] = (line as { messages: { content: string }[] }).messages;
    return (JSON.parse(user!.content.split('\n')[2]!) as { text: string }).text;
  });

let db: MemoryLibraryDb;
beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('the fine-tuning export', () => {
  it('one chat line per kept AI reply: system, the memory as sent, the reply and card as asked', async () => {
    const memory = await saveMemory(
      db,
      { text: 'Tea with Lin <b>tonight</b>.', writtenAt: '2025-03-01T21:00:00+08:00' },
      t0,
    );
    await attachLibrarianResult(
      db,
      memory.id,
      result(memory.id, 'What a calm evening.', card('tea')),
      t0,
    );

    const built = await buildFineTuningJsonl(db);
    expect(built.count).toBe(1);
    const [line] = lines(built.text);
    const [system, user, assistant] = (line as { messages: { role: string; content: string }[] })
      .messages;
    expect(system).toEqual({ role: 'system', content: TRAINING_SYSTEM_PROMPT });
    expect(user?.role).toBe('user');
    expect(user?.content).toContain('<memory>');
    // As in the Worker's message: the memory is JSON, and nothing in it can open a tag.
    expect(user?.content).not.toContain('<b>');
    expect(exportedTexts(built.text)).toEqual(['Tea with Lin <b>tonight</b>.']);
    expect(assistant?.role).toBe('assistant');
    const answer = JSON.parse(assistant!.content) as Record<string, unknown>;
    expect(Object.keys(answer)[0]).toBe('reply');
    expect(answer).toEqual({ reply: 'What a calm evening.', ...card('tea') });
  });

  it('leaves out private memories, the Trash, device guesses and replies to older words', async () => {
    const kept = await saveMemory(db, { text: 'kept' }, t0);
    const secret = await saveMemory(db, { text: 'secret' }, t0);
    const trashed = await saveMemory(db, { text: 'trashed' }, t0);
    const edited = await saveMemory(db, { text: 'edited' }, t0);
    const guessed = await saveMemory(db, { text: 'guessed' }, t0);
    for (const memory of [kept, secret, trashed, edited]) {
      await attachLibrarianResult(db, memory.id, result(memory.id, 'Reply.', card('tea')), t0);
    }
    await editMemory(db, secret.id, { isPrivate: true }, later(1));
    await moveToTrash(db, trashed.id, later(1));
    await editMemory(db, edited.id, { text: 'edited again' }, later(1));
    await attachDeviceCard(db, guessed.id, card('tea'), t0);

    const built = await buildFineTuningJsonl(db);
    expect(built.count).toBe(1);
    expect(exportedTexts(built.text)).toEqual(['kept']);
  });
});

describe('the preference export', () => {
  it('one pair per model not kept, with the words as they were when the choice was made', async () => {
    const memory = await saveMemory(db, { text: 'First words.' }, t0);
    await saveComparison(db, {
      id: 'c1',
      entryId: memory.id,
      decidedAt: later(5).toISOString(),
      chosenModel: 'model-a',
      results: [
        item('model-a', memory.id, card('tea')),
        item('model-b', memory.id, card('evenings')),
        item('model-c', memory.id, card('cups')),
        item('model-d', memory.id, null),
        { ...item('model-e', memory.id, card('x')), ok: false },
      ],
    });
    await editMemory(db, memory.id, { text: 'Later words.' }, later(10));

    const built = await buildPreferenceJsonl(db);
    expect(built.count).toBe(2);
    const pairs = lines(built.text) as { prompt: string; chosen: string; rejected: string }[];
    expect(pairs.map((pair) => Object.keys(pair).sort())).toEqual([
      ['chosen', 'prompt', 'rejected'],
      ['chosen', 'prompt', 'rejected'],
    ]);
    expect(pairs[0]!.prompt).toBe(userMessageFor({ ...memory, text: 'First words.' }));
    expect(JSON.parse(pairs[0]!.chosen)).toMatchObject({ reply: 'model-a replies', shelf: 'tea' });
    expect(pairs.map((pair) => (JSON.parse(pair.rejected) as { shelf: string }).shelf)).toEqual([
      'evenings',
      'cups',
    ]);
  });

  it('never includes a private memory or one in the Trash', async () => {
    const secret = await saveMemory(db, { text: 'secret' }, t0);
    const trashed = await saveMemory(db, { text: 'trashed' }, t0);
    for (const memory of [secret, trashed]) {
      await saveComparison(db, {
        id: memory.id,
        entryId: memory.id,
        decidedAt: later(1).toISOString(),
        chosenModel: 'model-a',
        results: [item('model-a', memory.id, card('tea')), item('model-b', memory.id, card('b'))],
      });
    }
    expect((await buildPreferenceJsonl(db)).count).toBe(2);
    await editMemory(db, secret.id, { isPrivate: true }, later(2));
    await moveToTrash(db, trashed.id, later(2));
    expect(await buildPreferenceJsonl(db)).toEqual({ text: '', count: 0 });
  });
});
