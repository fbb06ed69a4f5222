import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompareItem, CompareRequest } from '#shared/compare';
import type { ApiClient } from '../api/client.ts';
import { success } from '../api/result.ts';
import { listComparisons } from '../db/comparisons.ts';
import { saveCredentials } from '../db/credentials.ts';
import { createDatabase, type Memory, type MemoryLibraryDb } from '../db/database.ts';
import { getMemory, listQueued, saveMemory } from '../db/memories.ts';
import { saveAutoKeep, storeProposals } from '../notebook/notes.ts';
import { CompareState } from './compare.svelte.ts';
import { DeviceState } from './device.svelte.ts';
import { testCard, testResult, testUsage } from '../testing/librarian-results.ts';

const now = new Date('2025-03-01T13:00:00.000Z');
const usage = testUsage({
  promptTokens: 100,
  completionTokens: 20,
  totalTokens: 120,
  cachedTokens: 50,
  costUsd: 0.0001,
});

function item(model: string, entryId: string): CompareItem {
  return {
    model,
    ok: true,
    result: {
      ...testResult(entryId, {
        model,
        reply: `${model} says hello`,
        catalog: testCard({
          title: 'Tea',
          summary: 'Tea in the evening.',
          shelf: model.includes('b') ? 'evenings' : 'tea',
        }),
        usage,
      }),
      notebook: [],
    },
    latencyMs: 1200,
    usage,
    costUsd: 0.0001,
    cacheShare: 0.5,
  };
}

let db: MemoryLibraryDb;
let sent: CompareRequest[];
let memory: Memory;
let updated: Memory[];

const api = {
  async listModels() {
    return success({
      models: ['test/a', 'test/b', 'test/c'].map((id, index) => ({
        id,
        isDefault: index === 0,
        prices: null,
        supportsStructuredOutput: true,
        supportsReasoning: false,
      })),
    });
  },
  async compare(request: CompareRequest) {
    sent.push(request);
    return success({ results: request.models.map((model) => item(model, request.entry.id)) });
  },
} as unknown as ApiClient;

beforeEach(async () => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
  sent = [];
  updated = [];
  await saveCredentials(db, { libraryId: 'lib', deviceId: 'dev', token: 'tok' });
  memory = await saveMemory(db, { text: 'Tea in the evening, quiet.' }, now);
});
afterEach(async () => {
  await db.delete();
});

async function setUp() {
  const device = new DeviceState(db, api);
  await device.load('test agent');
  return new CompareState({
    db,
    api,
    device,
    findMemory: (id) => (id === memory.id ? memory : undefined),
    onMemoryUpdated: (changed) => updated.push(changed),
    relatedCards: async () => [{ id: 'old', callNumber: 'EVE-tea-0001', summary: 'Tea.' }],
    clock: () => now,
  });
}

describe('CompareState', () => {
  it('sends one memory to the chosen models with compact related cards', async () => {
    const compare = await setUp();
    await compare.loadModels();
    expect(compare.selected).toEqual(['test/a', 'test/b']);
    compare.toggleModel('test/c', true);
    await compare.chooseMemory(memory.id);
    expect(compare.canRun).toBe(true);
    await compare.run();

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      entry: { id: memory.id, text: memory.text },
      models: ['test/a', 'test/b', 'test/c'],
      related: [{ id: 'old', callNumber: 'EVE-tea-0001', summary: 'Tea.' }],
    });
    expect(compare.results?.map((result) => result.model)).toEqual(['test/a', 'test/b', 'test/c']);
  });

  it('sends the notebook digest a catalog request would carry', async () => {
    await saveAutoKeep(db, true);
    await storeProposals(db, 'm-0', [{ text: 'Drinks tea every evening' }], now);
    const compare = await setUp();
    await compare.loadModels();
    await compare.chooseMemory(memory.id);
    await compare.run();
    expect(sent[0]).toMatchObject({ notebook: ['Drinks tea every evening'], corrections: [] });
  });

  it('allows two to four models only', async () => {
    const compare = await setUp();
    await compare.loadModels();
    await compare.chooseMemory(memory.id);
    compare.toggleModel('test/b', false);
    expect(compare.canRun).toBe(false);
    for (const id of ['test/b', 'test/c', 'test/d', 'test/e']) compare.toggleModel(id, true);
    expect(compare.selected).toHaveLength(4);
  });

  it('records the kept reply and gives the memory its reply and card', async () => {
    const compare = await setUp();
    await compare.loadModels();
    await compare.chooseMemory(memory.id);
    await compare.run();
    expect(await compare.keep('test/b')).toBe(true);

    const [record] = await listComparisons(db);
    expect(record).toMatchObject({ entryId: memory.id, chosenModel: 'test/b' });
    expect(record?.results.map((result) => result.model)).toEqual(['test/a', 'test/b']);
    const stored = await getMemory(db, memory.id);
    expect(stored).toMatchObject({
      librarianStatus: 'catalogued',
      model: 'test/b',
      reply: 'test/b says hello',
      catalog: { shelf: 'evenings', source: 'librarian', callNumber: 'EVE-evenings-0001' },
    });
    expect(await listQueued(db)).toEqual([]);
    expect(updated.map((changed) => changed.id)).toEqual([memory.id]);
    expect(compare.keptModel).toBe('test/b');

    // Coming back to the memory later says which model was kept.
    const later = await setUp();
    await later.chooseMemory(memory.id);
    expect(later.keptBefore).toBe('test/b');
  });
});
