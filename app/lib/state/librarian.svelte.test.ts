import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CatalogBatchRequest,
  CatalogBatchResult,
  CatalogRequest,
  CatalogResult,
} from '#shared/librarian';
import type { ApiClient } from '../api/client.ts';
import type { CatalogStreamHandlers } from '../api/catalog-stream.ts';
import { failure, success, type ApiError, type ApiResult } from '../api/result.ts';
import { saveCredentials } from '../db/credentials.ts';
import { createDatabase, type Memory, type MemoryLibraryDb } from '../db/database.ts';
import { listQueued, saveMemory } from '../db/memories.ts';
import type { Ink } from '../librarian/ink.ts';
import { DeviceState } from './device.svelte.ts';
import { LibrarianState, type LibrarianDeps } from './librarian.svelte.ts';
import { testCard, testResult, testUsage } from '../testing/librarian-results.ts';

const now = new Date('2025-03-01T13:00:00.000Z');

function resultFor(request: Pick<CatalogRequest, 'entry'>): CatalogResult {
  return testResult(request.entry.id, {
    reply: `Read: ${request.entry.text}`,
    catalog: testCard(),
    usage: testUsage({ promptTokens: 10, completionTokens: 5, totalTokens: 15 }),
  });
}

/** Every entry of the batch answered, as the Worker does when the model answered them all. */
function batchAnswered(
  request: CatalogBatchRequest,
  unanswered: readonly string[] = [],
): CatalogBatchResult {
  const results = request.entries.map((entry) =>
    unanswered.includes(entry.text)
      ? {
          ok: false as const,
          entryId: entry.id,
          error: { code: 'upstream-error', message: 'not answered in the batch' },
        }
      : { ok: true as const, entryId: entry.id, result: { ...resultFor({ entry }), notebook: [] } },
  );
  return { results, usage: resultFor({ entry: request.entries[0]! }).usage };
}

const batchTexts = (api: FakeApi) =>
  api.batches.map((batch) => batch.entries.map((entry) => entry.text));

const unused = async (): Promise<never> => {
  throw new Error('not used by the librarian');
};

/** An API double: answers from overridable functions and records what was sent. */
class FakeApi implements ApiClient {
  librarian: 'online' | 'offline' = 'online';
  registerAnswers: ApiResult<{ libraryId: string; deviceId: string; token: string }>[] = [];
  catalogAnswers: ((request: CatalogRequest) => ApiResult<CatalogResult>)[] = [];
  batchAnswers: ((request: CatalogBatchRequest) => ApiResult<CatalogBatchResult>)[] = [];
  sent: { text: string; token: string }[] = [];
  batches: CatalogBatchRequest[] = [];
  relatedSent: CatalogRequest['related'][] = [];
  modelsSent: (string | undefined)[] = [];
  replyLengthsSent: (string | undefined)[] = [];
  registrations: { deviceName: string; invite?: string }[] = [];

  async getHealth() {
    return success({ ok: true as const, version: 'test', librarian: this.librarian });
  }

  async registerDevice(request: { deviceName: string; invite?: string }) {
    this.registrations.push(request);
    return (
      this.registerAnswers.shift() ?? success({ libraryId: 'lib', deviceId: 'dev', token: 'fresh' })
    );
  }

  async catalog(): Promise<ApiResult<CatalogResult>> {
    throw new Error('the app streams');
  }

  listDevices = unused;
  startPairing = unused;
  pairDevice = unused;
  revokeDevice = unused;
  getUsage = unused;
  listModels = unused;
  compare = unused;

  async catalogBatch(request: CatalogBatchRequest) {
    this.batches.push(request);
    const answer = this.batchAnswers.shift();
    if (answer) return answer(request);
    return success(batchAnswered(request));
  }

  async catalogStream(request: CatalogRequest, token: string, handlers: CatalogStreamHandlers) {
    this.sent.push({ text: request.entry.text, token });
    this.relatedSent.push(request.related);
    this.modelsSent.push(request.model);
    this.replyLengthsSent.push(request.replyLength);
    const answer = this.catalogAnswers.shift();
    if (answer) return answer(request);
    const result = resultFor(request);
    for (const piece of result.reply.match(/.{1,4}/g) ?? []) handlers.onReply?.(piece);
    return success(result);
  }
}

let db: MemoryLibraryDb;
let api: FakeApi;
let device: DeviceState;
let online: boolean;
let updated: Memory[];
let librarian: LibrarianState;

/** The librarian under test, over this test's database, API double and device. */
function librarianWith(deps: Partial<LibrarianDeps>): LibrarianState {
  return new LibrarianState({
    db,
    api,
    device,
    isOnline: () => online,
    onMemoryUpdated: (memory) => updated.push(memory),
    clock: () => now,
    ...deps,
  });
}

beforeEach(async () => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
  api = new FakeApi();
  device = new DeviceState(db, api);
  online = true;
  updated = [];
  librarian = librarianWith({});
  await saveCredentials(db, { libraryId: 'lib', deviceId: 'dev', token: 'tok' });
  await device.load('test agent');
});

afterEach(async () => {
  librarian.stop();
  await db.delete();
});

const error =
  (code: ApiError['code'], extra: Partial<ApiError> = {}) =>
  () =>
    failure<CatalogResult>({ code, message: code, ...extra });

describe('LibrarianState', () => {
  it('sends a saved memory, shows the streamed reply and stores the card', async () => {
    const memory = await saveMemory(db, { text: 'a walk' }, now);
    await librarian.memorySaved(memory);

    expect(api.sent).toEqual([{ text: 'a walk', token: 'tok' }]);
    expect(librarian.reply).toMatchObject({
      entryId: memory.id,
      phase: 'done',
      reply: 'Read: a walk',
      catalog: { callNumber: 'EVE-small-things-0001', hall: 'everyday' },
      totalTokens: 15,
      notice: null,
    });
    expect(updated.map((item) => item.catalog?.callNumber)).toEqual(['EVE-small-things-0001']);
    expect(await listQueued(db)).toEqual([]);
    expect(librarian.availability).toBe('online');
  });

  it('keeps the memory queued and says so when the browser is offline', async () => {
    online = false;
    const memory = await saveMemory(db, { text: 'on a train' }, now);
    await librarian.memorySaved(memory);

    expect(api.sent).toEqual([]);
    expect(librarian.reply).toMatchObject({ phase: 'waiting', notice: { kind: 'offline' } });
    expect(await listQueued(db)).toEqual([memory.id]);
  });

  it('keeps the memory queued when the server has no librarian', async () => {
    api.librarian = 'offline';
    const memory = await saveMemory(db, { text: 'x' }, now);
    await librarian.memorySaved(memory);

    expect(api.sent).toEqual([]);
    expect(librarian.availability).toBe('offline');
    expect(librarian.reply?.notice).toEqual({ kind: 'librarian-offline' });
    expect(await listQueued(db)).toEqual([memory.id]);
  });

  it('sends the memory on screen first, alone, then what was queued offline in one batch in saving order', async () => {
    online = false;
    const saved: Memory[] = [];
    for (const text of ['first', 'second', 'third']) {
      saved.push(await saveMemory(db, { text }, now));
      await librarian.memorySaved(saved.at(-1)!);
    }
    online = true;
    await librarian.flush();

    // 'third' is on the Write page: its reply streams at once.
    expect(api.sent.map((item) => item.text)).toEqual(['third']);
    expect(batchTexts(api)).toEqual([['first', 'second']]);
    expect(librarian.reply).toMatchObject({ entryId: saved[2]!.id, phase: 'done' });
    expect(updated.map((item) => [item.text, item.catalog?.callNumber])).toEqual([
      ['third', 'EVE-small-things-0001'],
      ['first', 'EVE-small-things-0002'],
      ['second', 'EVE-small-things-0003'],
    ]);
    expect(updated.every((item) => item.reply === `Read: ${item.text}`)).toBe(true);
    expect(await listQueued(db)).toEqual([]);
  });

  it('sends a memory the batch did not answer alone next, and never loses one', async () => {
    api.batchAnswers = [(request) => success(batchAnswered(request, ['second']))];
    for (const text of ['first', 'second', 'third']) await saveMemory(db, { text }, now);
    await librarian.flush();

    expect(batchTexts(api)).toEqual([['first', 'second', 'third']]);
    expect(api.sent.map((item) => item.text)).toEqual(['second']);
    expect(updated.map((item) => item.text).sort()).toEqual(['first', 'second', 'third']);
    expect(updated.every((item) => item.librarianStatus === 'catalogued')).toBe(true);
    expect(await listQueued(db)).toEqual([]);
  });

  it('sends alone a memory the answer left out altogether (no paid loop over the same batch)', async () => {
    api.batchAnswers = [
      (request) => {
        const answered = batchAnswered(request);
        return success({ ...answered, results: answered.results.slice(0, 1) });
      },
    ];
    await saveMemory(db, { text: 'first' }, now);
    await saveMemory(db, { text: 'second' }, now);
    await librarian.flush();

    expect(batchTexts(api)).toEqual([['first', 'second']]);
    expect(api.sent.map((item) => item.text)).toEqual(['second']);
    expect(await listQueued(db)).toEqual([]);
  });

  it('keeps a whole batch queued when the request fails, and each memory goes alone when the server refuses the batch', async () => {
    api.batchAnswers = [
      () => failure({ code: 'upstream-error', message: 'bad gateway', status: 502 }),
    ];
    const first = await saveMemory(db, { text: 'first' }, now);
    const second = await saveMemory(db, { text: 'second' }, now);
    await librarian.flush();
    expect(await listQueued(db)).toEqual([first.id, second.id]);
    expect(api.sent).toEqual([]);

    api.batchAnswers = [() => failure({ code: 'invalid-request', message: 'no', status: 400 })];
    await librarian.flush();
    expect(batchTexts(api)).toHaveLength(2);
    expect(api.sent.map((item) => item.text)).toEqual(['first', 'second']);
    expect(await listQueued(db)).toEqual([]);
  });

  it('sends a batch with one pool of related cards, the notebook and the cheaper model when ink is low', async () => {
    const cards = new Map([
      ['first', [{ id: 'old-1', callNumber: 'EVE-X-0001', summary: 'old one' }]],
      [
        'second',
        [
          { id: 'old-1', callNumber: 'EVE-X-0001', summary: 'old one' },
          { id: 'old-2', callNumber: 'EVE-X-0002', summary: 'old two' },
        ],
      ],
    ]);
    librarian = librarianWith({
      relatedCards: async (memory) => cards.get(memory.text) ?? [],
      ink: {
        beforeRequest: async () => undefined,
        modelForLowInk: 'cheap/model',
        replyLengthForInk: 'brief',
        spent: () => {},
      },
    });
    await saveMemory(db, { text: 'first' }, now);
    await saveMemory(db, { text: 'second' }, now);
    await librarian.flush();

    expect(api.batches).toHaveLength(1);
    expect(api.batches[0]).toMatchObject({ model: 'cheap/model', notebook: [], corrections: [] });
    expect(api.batches[0]!.related?.map((card) => card.id)).toEqual(['old-1', 'old-2']);
  });

  it('asks for brief replies in a batch while the ink is short, and not once there is plenty', async () => {
    let ink: Ink = { level: 'short', leftShare: 0.3, resetAt: '2025-03-02T00:00:00.000Z' };
    librarian = librarianWith({
      ink: {
        beforeRequest: async () => ink,
        modelForLowInk: undefined,
        get replyLengthForInk() {
          return ink.level === 'low' || ink.level === 'short' ? 'brief' : undefined;
        },
        spent: () => undefined,
      },
    });
    await saveMemory(db, { text: 'first' }, now);
    await saveMemory(db, { text: 'second' }, now);
    await librarian.flush();
    ink = { level: 'plenty', leftShare: 0.9, resetAt: ink.resetAt };
    await saveMemory(db, { text: 'third' }, now);
    await saveMemory(db, { text: 'fourth' }, now);
    await librarian.flush();

    expect(batchTexts(api)).toEqual([
      ['first', 'second'],
      ['third', 'fourth'],
    ]);
    expect(api.batches[0]?.replyLength).toBe('brief');
    expect(api.batches[1]).not.toHaveProperty('replyLength');
  });

  it('stops at an exhausted budget, keeps the queue and says when it will retry', async () => {
    api.catalogAnswers = [error('budget-exceeded', { status: 429, retryAfterSeconds: 3600 })];
    const first = await saveMemory(db, { text: 'first' }, now);
    const second = await saveMemory(db, { text: 'second' }, now);
    await librarian.memorySaved(second);

    expect(api.sent.map((item) => item.text)).toEqual(['second']);
    expect(api.batches).toEqual([]);
    expect(await listQueued(db)).toEqual([first.id, second.id]);
    // The region follows the memory on screen, and shows why it stopped.
    expect(librarian.reply).toMatchObject({
      entryId: second.id,
      notice: { kind: 'failed', error: { code: 'budget-exceeded', retryAfterSeconds: 3600 } },
    });
  });

  it('shows an upstream failure on the memory it concerns, without a half reply', async () => {
    api.catalogAnswers = [
      (request) => {
        expect(request.entry.text).toBe('x');
        return failure({ code: 'upstream-error', message: 'bad gateway', status: 502 });
      },
    ];
    const memory = await saveMemory(db, { text: 'x' }, now);
    await librarian.memorySaved(memory);

    expect(librarian.reply).toMatchObject({
      entryId: memory.id,
      phase: 'waiting',
      reply: '',
      notice: { kind: 'failed', error: { code: 'upstream-error' } },
    });
    expect(await listQueued(db)).toEqual([memory.id]);
  });

  it('takes a memory the server refuses off the queue and goes on with the next', async () => {
    api.catalogAnswers = [error('invalid-request', { status: 400 })];
    const refused = await saveMemory(db, { text: 'refused' }, now);
    await librarian.memorySaved(refused);
    const next = await saveMemory(db, { text: 'next' }, now);
    await librarian.memorySaved(next);

    expect(api.sent.map((item) => item.text)).toEqual(['refused', 'next']);
    expect(updated.find((item) => item.id === refused.id)?.librarianStatus).toBe('failed');
    expect(updated.find((item) => item.id === next.id)?.librarianStatus).toBe('catalogued');
    expect(await listQueued(db)).toEqual([]);
  });

  it('does not send a memory longer than the librarian accepts', async () => {
    const memory = await saveMemory(db, { text: 'x'.repeat(20_001) }, now);
    await librarian.memorySaved(memory);

    expect(api.sent).toEqual([]);
    expect(librarian.reply?.notice).toMatchObject({
      kind: 'refused',
      error: { code: 'too-large' },
    });
    expect(await listQueued(db)).toEqual([]);
  });

  it('says the device was signed out on 401, and registers no new library by itself', async () => {
    api.catalogAnswers = [error('unauthenticated', { status: 401 })];
    const memory = await saveMemory(db, { text: 'x' }, now);
    await librarian.memorySaved(memory);

    expect(api.sent.map((item) => item.token)).toEqual(['tok']);
    expect(api.registrations).toEqual([]);
    expect(device.status).toBe('signed-out');
    expect(device.credentials).toBeUndefined();
    expect(librarian.reply?.notice).toEqual({ kind: 'signed-out' });
    expect(await listQueued(db)).toEqual([memory.id]);

    // A later flush (back online, say) still sends nothing and says why.
    await librarian.flush();
    expect(api.sent).toHaveLength(1);
    expect(api.registrations).toEqual([]);
  });

  it('keeps memories queued and says so when the ink is used up, and uses a cheaper model when low', async () => {
    let ink: Ink = { level: 'out', leftShare: 0, resetAt: '2025-03-02T00:00:00.000Z' };
    const budgeted = librarianWith({
      ink: {
        beforeRequest: async () => ink,
        get modelForLowInk() {
          return ink.level === 'low' ? 'cheap/model' : undefined;
        },
        get replyLengthForInk() {
          return ink.level === 'low' || ink.level === 'short' ? 'brief' : undefined;
        },
        spent: () => undefined,
      },
    });
    const memory = await saveMemory(db, { text: 'a walk' }, now);
    await budgeted.memorySaved(memory);
    expect(api.sent).toEqual([]);
    expect(budgeted.reply?.notice).toEqual({ kind: 'ink-out', resetAt: ink.resetAt });
    expect(await listQueued(db)).toEqual([memory.id]);

    ink = { level: 'low', leftShare: 0.1, resetAt: ink.resetAt };
    await budgeted.flush();
    budgeted.stop();
    expect(api.modelsSent).toEqual(['cheap/model']);
    expect(api.replyLengthsSent).toEqual(['brief']);
    expect(await listQueued(db)).toEqual([]);
  });

  it('sends the related cards it is given with the memory', async () => {
    const card = { id: 'old', callNumber: 'FAM-外婆-0001', summary: 'Baking with grandma.' };
    const withRelated = librarianWith({ relatedCards: async () => [card] });
    const memory = await saveMemory(db, { text: 'grandma again' }, now);
    await withRelated.memorySaved(memory);
    expect(api.relatedSent).toEqual([[card]]);
  });

  it('asks for an invite when the server requires one', async () => {
    await device.forget();
    api.registerAnswers = [failure({ code: 'forbidden', message: 'invite needed', status: 403 })];
    const memory = await saveMemory(db, { text: 'x' }, now);
    await librarian.memorySaved(memory);

    expect(device.status).toBe('needs-invite');
    expect(librarian.reply?.notice).toEqual({ kind: 'needs-invite' });
    expect(api.sent).toEqual([]);
    expect(await listQueued(db)).toEqual([memory.id]);
  });

  it('waits for the device to shelve a memory before asking the AI about it', async () => {
    let shelved!: () => void;
    const shelving = new Promise<void>((resolve) => (shelved = resolve));
    const waiting = librarianWith({ deviceShelving: () => shelving });
    await saveMemory(db, { text: 'a guess first' }, now);
    const flushed = waiting.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.sent).toEqual([]);
    shelved();
    await flushed;
    expect(api.sent.map((item) => item.text)).toEqual(['a guess first']);
  });

  it('runs one flush at a time', async () => {
    await saveMemory(db, { text: 'one' }, now);
    await saveMemory(db, { text: 'two' }, now);
    await Promise.all([librarian.flush(), librarian.flush(), librarian.flush()]);
    expect(batchTexts(api)).toEqual([['one', 'two']]);
    expect(api.sent).toEqual([]);
  });
});

describe('LibrarianState and the notebook', () => {
  it('sends the kept notes and latest corrections, and keeps the reply’s proposals waiting', async () => {
    const { storeProposals, acceptNote, proposalsFor } = await import('../notebook/notes.ts');
    const { moveMemory } = await import('../notebook/reshelve.ts');
    const [kept] = await storeProposals(db, 'm-0', [{ text: 'Lin is my sister' }], now);
    await acceptNote(db, kept!.id, now);
    const old = await saveMemory(db, { text: 'lunch' }, now);
    await librarian.flush();
    await moveMemory(db, old.id, { hall: 'family', shelf: 'Lin' }, now);

    const requests: CatalogRequest[] = [];
    api.catalogAnswers.push((request) => {
      requests.push(request);
      return success({ ...resultFor(request), notebook: [{ text: 'Sam likes tea', why: 'tea' }] });
    });
    const memory = await saveMemory(db, { text: 'tea with Sam' }, now);
    await librarian.memorySaved(memory);

    expect(requests[0]).toMatchObject({
      notebook: ['Lin is my sister'],
      corrections: ["Moved 'A title' from Everyday/small things to Family/Lin"],
    });
    expect((await proposalsFor(db, memory.id)).map((note) => note.text)).toEqual(['Sam likes tea']);
  });
});
