import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { CatalogResultSchema, LibrarianCatalogSchema, type CatalogResult } from '#shared/librarian';
import { OPENROUTER_BASE_URL } from '../../worker/env.ts';
import { PROMPT_VERSION } from '../../worker/librarian/system-prompt.ts';
import {
  callApp,
  catalogRequest,
  eventsNamed,
  jsonPost,
  postCatalog,
  readSse,
  registerDevice,
  uniqueMarker,
  upstreamRequests,
} from './helpers.ts';

const related = [
  { id: 'm-0412', callNumber: 'FAM-外婆-0003', summary: '去年中秋和外婆一起摘桂花。' },
];

describe('the catalog route with the fake librarian’s own answers', () => {
  it('answers JSON with a valid catalog card', async () => {
    const { token } = await registerDevice();
    const request = catalogRequest('今天在超市看到桂花糕，想起外婆。她做的总是很甜。', { related });
    const response = await postCatalog(token, request);
    expect(response.status).toBe(200);
    const result = CatalogResultSchema.parse(await response.json());
    expect(result).toMatchObject({
      entryId: request.entry.id,
      model: 'openai/gpt-4o-mini',
      promptVersion: PROMPT_VERSION,
      reasoning: null,
    });
    expect(result.reply).toContain('今天在超市看到桂花糕');
    expect(result.catalog).toMatchObject({
      hall: 'family',
      shelf: '外婆',
      people: ['外婆'],
      places: ['超市'],
    });
    expect(result.catalog?.related.map((link) => link.id)).toEqual(['m-0412']);
    expect(result.usage.totalTokens).toBeGreaterThan(0);
  });

  it('streams reply deltas, then the catalog, usage and done', async () => {
    const { token } = await registerDevice();
    const response = await postCatalog(
      token,
      catalogRequest('Submitted the thesis draft at midnight. I felt proud and tired.', {
        stream: true,
      }),
    );
    const events = await readSse(response);
    const [done] = eventsNamed<CatalogResult>(events, 'done');
    const result = CatalogResultSchema.parse(done);
    const deltas = eventsNamed<{ text: string }>(events, 'reply');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((delta) => delta.text).join('')).toBe(result.reply);
    expect(result.reply).toMatch(
      /^Thank you for writing down "Submitted the thesis draft at midnight/,
    );
    expect(LibrarianCatalogSchema.parse(eventsNamed(events, 'catalog')[0])).toEqual(result.catalog);
    expect(result.catalog).toMatchObject({ hall: 'study-work', shelf: 'thesis' });
    expect(events.map((event) => event.event).slice(-3)).toEqual(['catalog', 'usage', 'done']);
  });

  it('accepts a reply wrapped in a Markdown fence', async () => {
    const { token } = await registerDevice();
    for (const stream of [false, true]) {
      const response = await postCatalog(
        token,
        catalogRequest(`Ran in the park with my sister. [[fence]]`, { stream }),
      );
      const result = stream
        ? eventsNamed<CatalogResult>(await readSse(response), 'done')[0]
        : await response.json();
      expect(CatalogResultSchema.parse(result).catalog).toMatchObject({ hall: 'family' });
    }
  });

  it('answers 502 when the reply was cut off (finish_reason length)', async () => {
    const { token } = await registerDevice();
    const response = await postCatalog(token, catalogRequest('A long day at work. [[length]]'));
    expect(response.status).toBe(502);
    expect(ErrorBodySchema.parse(await response.json()).error).toMatchObject({
      code: 'upstream-error',
      message: expect.stringMatching(/cut off/),
    });
    const streamed = await readSse(
      await postCatalog(token, catalogRequest('A long day at work. [[length]]', { stream: true })),
    );
    expect(streamed.at(-1)?.event).toBe('error');
    expect(eventsNamed(streamed, 'done')).toEqual([]);
  });

  it('works against an LM Studio-like server: no cost, no cache fields, no comments', async () => {
    const { token } = await registerDevice();
    for (const stream of [false, true]) {
      const response = await postCatalog(
        token,
        catalogRequest(`Made dumplings with mom. [[local]]`, { stream }),
      );
      const result = stream
        ? eventsNamed<CatalogResult>(await readSse(response), 'done')[0]
        : await response.json();
      expect(CatalogResultSchema.parse(result).usage).toMatchObject({
        costUsd: null,
        cachedTokens: 0,
      });
      expect(CatalogResultSchema.parse(result).usage.totalTokens).toBeGreaterThan(0);
    }
  });

  it('maps upstream statuses: 401 → 503, 500 → 502, 503 → 503 with Retry-After', async () => {
    const { token } = await registerDevice();
    const status = async (code: number) =>
      postCatalog(token, catalogRequest(`hello [[status:${code}]]`));
    const keyRefused = await status(401);
    expect(keyRefused.status).toBe(503);
    expect(ErrorBodySchema.parse(await keyRefused.json()).error.message).toMatch(/key/);
    const broken = await status(500);
    expect(broken.status).toBe(502);
    expect(ErrorBodySchema.parse(await broken.json()).error.code).toBe('upstream-error');
    const busy = await status(503);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('30');
  });

  it('answers 503 when the upstream cannot be reached', async () => {
    const { token } = await registerDevice();
    const { response } = await callApp(
      '/api/v1/librarian/catalog',
      jsonPost(catalogRequest('hello'), token),
      { LLM_BASE_URL: 'http://127.0.0.1:9/v1' },
    );
    expect(response.status).toBe(503);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('upstream-unavailable');
  });

  it('answers 503 without calling anyone when the librarian is offline', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const offline = { OPENROUTER_API_KEY: undefined, LLM_BASE_URL: OPENROUTER_BASE_URL };
    const { response } = await callApp(
      '/api/v1/librarian/catalog',
      jsonPost(catalogRequest(`hello ${marker}`), token),
      offline,
    );
    expect(response.status).toBe(503);
    expect(ErrorBodySchema.parse(await response.json()).error).toMatchObject({
      code: 'upstream-unavailable',
      message: 'The AI librarian is not configured on this server.',
    });
    expect((await upstreamRequests(marker)).count).toBe(0);
  });

  it('refuses a model outside the allowlist and uses an allowed one', async () => {
    const { token } = await registerDevice();
    const refused = await postCatalog(
      token,
      catalogRequest('hello', { model: 'evil/expensive-model' }),
    );
    expect(refused.status).toBe(400);
    expect(ErrorBodySchema.parse(await refused.json()).error.code).toBe('invalid-request');
    const marker = uniqueMarker();
    const allowed = await postCatalog(
      token,
      catalogRequest(`hello ${marker}`, { model: 'google/gemini-2.5-flash' }),
    );
    expect(CatalogResultSchema.parse(await allowed.json()).model).toBe('google/gemini-2.5-flash');
    expect((await upstreamRequests(marker)).requests[0]?.body.model).toBe(
      'google/gemini-2.5-flash',
    );
  });

  it('answers 400 with zod issues for an invalid catalog body', async () => {
    const { token } = await registerDevice();
    const response = await postCatalog(token, {
      entry: { id: 'x', text: '', writtenAt: 'yesterday' },
      extra: 1,
    } as never);
    expect(response.status).toBe(400);
    const { error } = ErrorBodySchema.parse(await response.json());
    expect(error.code).toBe('invalid-request');
    expect(error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'unrecognized_keys' })]),
    );
  });
});
