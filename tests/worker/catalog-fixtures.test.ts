import { describe, expect, it } from 'vitest';
import { CatalogResultSchema, type CatalogResult, type Usage } from '#shared/librarian';
import { ErrorBodySchema } from '#shared/errors';
import {
  catalogRequest,
  eventsNamed,
  postCatalog,
  readSse,
  registerDevice,
  settledLedger,
} from './helpers.ts';

/** Every fixture in tests/fixtures/openrouter/ replayed through the catalog route. */
const ZH_REPLY = '外婆的桂花糕，我替你放在了「家」的书架上。';

async function replay(markers: string, stream: boolean) {
  const device = await registerDevice();
  const response = await postCatalog(
    device.token,
    catalogRequest(`今天想起外婆。${markers}`, { stream }),
  );
  return { device, response };
}

async function streamedResult(markers: string) {
  const { device, response } = await replay(markers, true);
  expect(response.status).toBe(200);
  const events = await readSse(response);
  const done = eventsNamed<CatalogResult>(events, 'done');
  expect(done).toHaveLength(1);
  return { device, events, result: CatalogResultSchema.parse(done[0]) };
}

/** The fixture call's ledger row, beside the repair call that fixture answers without a card need. */
async function fixtureCall(libraryId: string, promptTokens: number) {
  const rows = await settledLedger(libraryId, 2);
  return rows.find((row) => row.prompt_tokens === promptTokens);
}

describe('stream-zh-basic.sse', () => {
  const variants = ['', '[[chunk:1]]', '[[chunk:7]]', '[[crlf]]', '[[crlf]][[chunk:3]]'];
  it.each(variants)('streams the reply and reports cached tokens (%s)', async (variant) => {
    const { device, events, result } = await streamedResult(
      `[[fixture:stream-zh-basic.sse]]${variant}`,
    );
    expect(
      eventsNamed<{ text: string }>(events, 'reply')
        .map((event) => event.text)
        .join(''),
    ).toBe(ZH_REPLY);
    expect(result.reply).toBe(ZH_REPLY);
    // The fixture's answer has a reply but no card: one repair call fills the card, the reply stays.
    expect(result.catalog?.hall).toBe('family');
    expect(eventsNamed(events, 'catalog')).toEqual([{ ...result.catalog, notebook: [] }]);
    expect(eventsNamed(events, 'usage')).toEqual([result.usage]);
    expect(events.at(-1)?.event).toBe('done');
    const rows = await settledLedger(device.libraryId, 2);
    const main = rows.find((row) => row.prompt_tokens === 2310);
    expect(main).toMatchObject({
      spent_tokens: 2341,
      completion_tokens: 31,
      cached_tokens: 2048,
      cost_usd: 0.00005199,
    });
    const repair = rows.find((row) => row !== main);
    // The result reports both calls: the fixture's usage plus the repair's.
    expect(result.usage).toMatchObject<Partial<Usage>>({
      promptTokens: 2310 + (repair?.prompt_tokens ?? 0),
      totalTokens: 2341 + (repair?.spent_tokens ?? 0),
      cachedTokens: 2048 + (repair?.cached_tokens ?? 0),
    });
    expect(result.usage.costUsd).toBeCloseTo(0.00005199 + (repair?.cost_usd ?? 0), 10);
  });

  it('also answers a JSON request when the upstream streams anyway', async () => {
    const { response } = await replay('[[fixture:stream-zh-basic.sse]][[chunk:5]]', false);
    expect(response.status).toBe(200);
    const result = CatalogResultSchema.parse(await response.json());
    expect(result.reply).toBe(ZH_REPLY);
    expect(result.usage.totalTokens).toBeGreaterThan(2341);
  });
});

describe('stream-usage-empty-choices.sse', () => {
  it('reads usage from a chunk with choices: [] and reports cache writes and cost', async () => {
    const { device, result } = await streamedResult('[[fixture:stream-usage-empty-choices.sse]]');
    expect(result.reply).toBe('That walk home in the rain sounds like it mattered.');
    // The fake's repair call writes no cache, so the cache writes are the fixture's alone.
    expect(result.usage.cacheWriteTokens).toBe(4096);
    expect(await fixtureCall(device.libraryId, 4310)).toMatchObject({
      spent_tokens: 4328,
      cached_tokens: 0,
      cost_usd: 0.0017454,
    });
  });
});

describe('stream-reasoning.sse', () => {
  it.each(['', '[[chunk:2]]'])(
    'relays reasoning as its own events without double counting (%s)',
    async (variant) => {
      const { device, events, result } = await streamedResult(
        `[[fixture:stream-reasoning.sse]]${variant}`,
      );
      const reasoning = eventsNamed<{ text: string }>(events, 'reasoning')
        .map((event) => event.text)
        .join('');
      expect(reasoning).toBe('用户在写外婆，情绪是怀念。');
      expect(result.reasoning).toBe(reasoning);
      expect(result.reply).toBe('桂花开的时候，她也在。');
      expect(result.usage.reasoningTokens).toBe(40);
      expect(
        (await settledLedger(device.libraryId, 2)).some((row) => row.cached_tokens === 1920),
      ).toBe(true);
    },
  );
});

describe('stream-error-midstream.sse', () => {
  it('ends with an error event and no done, and keeps the reservation spent', async () => {
    const { device, response } = await replay('[[fixture:stream-error-midstream.sse]]', true);
    expect(response.status).toBe(200);
    const events = await readSse(response);
    expect(eventsNamed(events, 'done')).toEqual([]);
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: { code: 'upstream-error', message: expect.any(String) },
    });
    const [row] = await settledLedger(device.libraryId);
    expect(row?.spent_tokens).toBe(row?.reserved_tokens);
  });

  it('answers 502 upstream-error in JSON mode', async () => {
    const { response } = await replay('[[fixture:stream-error-midstream.sse]]', false);
    expect(response.status).toBe(502);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('upstream-error');
  });
});

describe('non-streamed fixtures', () => {
  it('nonstream-json.json: answers 200 with the reply and usage', async () => {
    const { device, response } = await replay('[[fixture:nonstream-json.json]]', false);
    expect(response.status).toBe(200);
    const result = CatalogResultSchema.parse(await response.json());
    expect(result).toMatchObject({
      reply: 'The first snow of the year, and you noticed it alone.',
      reasoning: null,
    });
    expect(result.catalog).not.toBeNull();
    expect(await fixtureCall(device.libraryId, 2240)).toMatchObject({
      completion_tokens: 22,
      spent_tokens: 2262,
      cost_usd: 0.0002,
    });
  });

  it('nonstream-json.json: streams as SSE when the client asked for a stream', async () => {
    const { result, events } = await streamedResult('[[fixture:nonstream-json.json]]');
    expect(
      eventsNamed<{ text: string }>(events, 'reply')
        .map((event) => event.text)
        .join(''),
    ).toBe(result.reply);
  });

  it('nonstream-reasoning-empty-content.json: takes the reply from the reasoning', async () => {
    const { device, response } = await replay(
      '[[fixture:nonstream-reasoning-empty-content.json]]',
      false,
    );
    expect(response.status).toBe(200);
    const result = CatalogResultSchema.parse(await response.json());
    expect(result.reply).toBe('You kept going even when it felt pointless.');
    expect(result.reasoning).toContain('The user wrote about exams.');
    const rows = await settledLedger(device.libraryId, 2);
    // No cost in the fixture's usage: the row's cost is null, its tokens the reported 2280.
    expect(rows.some((row) => row.spent_tokens === 2280 && row.cost_usd === null)).toBe(true);
  });

  it('nonstream-reasoning-empty-content.json: sends the whole reply at the end of a stream', async () => {
    const { events } = await streamedResult('[[fixture:nonstream-reasoning-empty-content.json]]');
    expect(eventsNamed(events, 'reply')).toEqual([
      { text: 'You kept going even when it felt pointless.' },
    ]);
  });
});

describe('pre-stream error fixtures', () => {
  it('error-402.json: 503 upstream-unavailable, the operator’s credit, nothing spent', async () => {
    const { device, response } = await replay('[[fixture:error-402.json]]', true);
    expect(response.status).toBe(503);
    const { error } = ErrorBodySchema.parse(await response.json());
    expect(error.code).toBe('upstream-unavailable');
    expect(error.message).toMatch(/credit/);
    expect((await settledLedger(device.libraryId))[0]?.spent_tokens).toBe(0);
  });

  it('error-429-capacity.json: 503 with Retry-After passed through', async () => {
    const { response } = await replay('[[fixture:error-429-capacity.json]]', false);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('40');
    expect(ErrorBodySchema.parse(await response.json()).error).toMatchObject({
      code: 'upstream-unavailable',
      details: { upstreamStatus: 429, retryAfter: 40 },
    });
  });
});
