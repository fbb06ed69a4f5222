import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import {
  BRIEF_MAX_OUTPUT_TOKENS,
  CatalogBatchResultSchema,
  CatalogResultSchema,
  type CatalogResult,
} from '#shared/librarian';
import { estimatePromptTokens } from '#shared/token-estimate';
import { REPAIR_SYSTEM_PROMPT } from '../../worker/librarian/repair.ts';
import { SYSTEM_PROMPT } from '../../worker/librarian/system-prompt.ts';
import {
  catalogRequest,
  eventsNamed,
  postCatalog,
  readSse,
  registerDevice,
  sentUpstream,
  settledLedger,
  uniqueMarker,
  upstreamRequests,
} from './helpers.ts';

describe('repairing an invalid answer once', () => {
  it('keeps a valid reply and takes the card from one short repair call', async () => {
    const { token, libraryId } = await registerDevice();
    const marker = uniqueMarker();
    const response = await postCatalog(token, catalogRequest(`Bad card ${marker} [[bad-card]]`));
    expect(response.status).toBe(200);
    const result = CatalogResultSchema.parse(await response.json());
    expect(result.catalog).not.toBeNull();
    const { requests } = await upstreamRequests(marker);
    expect(requests).toHaveLength(2);
    const repair = requests.find(
      (request) => request.body.messages[0]?.content === REPAIR_SYSTEM_PROMPT,
    );
    expect(repair?.body).toMatchObject({ stream: false });
    expect(Number(repair?.body.max_tokens)).toBeLessThanOrEqual(1200);
    // Reserved and settled on its own: two ledger rows.
    await settledLedger(libraryId, 2);
  });

  it('streams the reply, then the repaired card', async () => {
    const { token } = await registerDevice();
    const events = await readSse(
      await postCatalog(
        token,
        catalogRequest(`Streamed ${uniqueMarker()} [[bad-card]]`, { stream: true }),
      ),
    );
    const done = eventsNamed<CatalogResult>(events, 'done')[0];
    expect(eventsNamed(events, 'catalog')).toEqual([{ ...done?.catalog, notebook: [] }]);
    expect(done?.catalog).not.toBeNull();
  });

  it('recovers a reply from an answer that is not JSON at all', async () => {
    const { token } = await registerDevice();
    const events = await readSse(
      await postCatalog(
        token,
        catalogRequest(`Not JSON ${uniqueMarker()} [[bad-json]]`, { stream: true }),
      ),
    );
    const done = eventsNamed<CatalogResult>(events, 'done')[0];
    expect(done?.reply).toMatch(/Thank you/);
    expect(eventsNamed(events, 'reply').length).toBeGreaterThan(0);
  });

  it('keeps the reply with a null card when the repair fails too, and repairs only once', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const response = await postCatalog(
      token,
      catalogRequest(`Twice bad ${marker} [[bad-card]][[repair-fails]]`),
    );
    const result = CatalogResultSchema.parse(await response.json());
    expect(result.reply).toMatch(/Thank you/);
    expect(result.catalog).toBeNull();
    expect((await upstreamRequests(marker)).count).toBe(2);
  });

  it('answers 502 when neither the answer nor its repair has a reply', async () => {
    const { token } = await registerDevice();
    const response = await postCatalog(
      token,
      catalogRequest(`Hopeless ${uniqueMarker()} [[bad-json]][[repair-fails]][[fence]][[length]]`),
    );
    expect(response.status).toBe(502);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('upstream-error');
  });
});

describe('batches of queued entries', () => {
  const entries = (marker: string) =>
    ['今天和外婆包饺子。', 'Went running at the park.', 'Thesis deadline tomorrow.'].map(
      (text, index) => ({
        id: `q-${index}`,
        text: `${text} ${marker}`,
        writtenAt: '2026-11-29T09:30:00+08:00',
      }),
    );
  const postBatch = (token: string, body: unknown) =>
    postCatalog(token, body as Parameters<typeof postCatalog>[1]);

  it('catalogues several entries in one upstream call, in order', async () => {
    const { token, libraryId } = await registerDevice();
    const marker = uniqueMarker();
    const response = await postBatch(token, { entries: entries(marker) });
    expect(response.status).toBe(200);
    const batch = CatalogBatchResultSchema.parse(await response.json());
    expect(batch.results.map((item) => [item.entryId, item.ok])).toEqual([
      ['q-0', true],
      ['q-1', true],
      ['q-2', true],
    ]);
    const halls = batch.results.map((item) => (item.ok ? item.result.catalog?.hall : null));
    expect(halls).toEqual(['family', 'body-health', 'study-work']);
    const { requests } = await upstreamRequests(marker);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body.messages[0]?.content).toBe(SYSTEM_PROMPT);
    expect(requests[0]?.body).toMatchObject({
      response_format: { json_schema: { name: 'librarian_batch' } },
    });
    const shares = batch.results.reduce(
      (sum, item) => sum + (item.ok ? item.result.usage.totalTokens : 0),
      0,
    );
    expect(shares).toBe(batch.usage.totalTokens);
    await settledLedger(libraryId, 1);
  });

  it('answers entries from the reply cache, and a skipped entry as not ok', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const list = entries(marker);
    await (await postCatalog(token, { entry: list[0]! })).text();
    const response = await postBatch(token, {
      entries: [...list, { ...list[0]!, id: 'q-3', text: `Last one ${marker} [[skip-last]]` }],
    });
    const batch = CatalogBatchResultSchema.parse(await response.json());
    expect(batch.results.map((item) => item.ok)).toEqual([true, true, true, false]);
    // Entry q-0 came from the cache: the batch call carried only the other three.
    const batchCall = (await upstreamRequests(marker)).requests.at(-1);
    expect(batchCall?.body.messages[1]?.content).not.toContain('"id":"q-0"');
  });

  it('asks for brief replies with a lower output cap per entry, and reserves only that', async () => {
    const { token, libraryId } = await registerDevice();
    const marker = uniqueMarker();
    const response = await postBatch(token, { entries: entries(marker), replyLength: 'brief' });
    expect(response.status).toBe(200);
    const { body } = await sentUpstream(marker);
    expect(body.max_tokens).toBe(3 * BRIEF_MAX_OUTPUT_TOKENS);
    expect(body.messages[0]?.content).toBe(SYSTEM_PROMPT);
    expect(body.messages[1]?.content).toContain(
      'Reply length: brief. Keep each memory\'s "reply" to one or two short sentences.',
    );
    const [row] = await settledLedger(libraryId, 1);
    expect(row?.reserved_tokens).toBe(
      estimatePromptTokens(body.messages) + 3 * BRIEF_MAX_OUTPUT_TOKENS,
    );
  });

  it('leaves a normal batch at the full output cap per entry, without the brief line', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    await (await postBatch(token, { entries: entries(marker) })).text();
    const { body } = await sentUpstream(marker);
    expect(body.max_tokens).toBe(3 * 1200);
    expect(body.messages[1]?.content).not.toContain('Reply length');
  });

  it('refuses a batch of one, of nine, with repeated ids, or streamed', async () => {
    const { token } = await registerDevice();
    const list = entries('x');
    for (const body of [
      { entries: list.slice(0, 1) },
      { entries: Array.from({ length: 9 }, (_, index) => ({ ...list[0]!, id: `n-${index}` })) },
      { entries: [list[0], list[0]] },
      { entries: list, stream: true },
      { entries: list, entry: list[0] },
      { entries: list, replyLength: 'tiny' },
    ]) {
      const response = await postBatch(token, body);
      expect(response.status).toBe(400);
    }
  });
});
