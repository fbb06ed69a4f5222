import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  CatalogBatchResultSchema,
  CatalogResultSchema,
  type CatalogResult,
} from '#shared/librarian';
import { REPLAYED_HEADER } from '../../worker/librarian/catalog-one.ts';
import {
  catalogRequest,
  eventsNamed,
  libraryStub,
  postCatalog,
  readSse,
  registerDevice,
  uniqueMarker,
  upstreamRequests,
} from './helpers.ts';

describe('the reply cache (idempotent retries)', () => {
  it('answers a retry of the same revision from the cache, without a second upstream call', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const request = catalogRequest(`Lost connection ${marker}`);
    request.entry.revId = 'rev-1';
    const first = await postCatalog(token, request);
    const original = CatalogResultSchema.parse(await first.json());
    expect(first.headers.get(REPLAYED_HEADER)).toBeNull();
    const retry = await postCatalog(token, request);
    expect(retry.status).toBe(200);
    expect(retry.headers.get(REPLAYED_HEADER)).toBe('true');
    expect(CatalogResultSchema.parse(await retry.json())).toEqual(original);
    expect((await upstreamRequests(marker)).count).toBe(1);
  });

  it('replays a cached result as SSE events when the retry asks for a stream', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const request = catalogRequest(`Stream retry ${marker}`, { stream: true });
    const live = await readSse(await postCatalog(token, request));
    const result = eventsNamed<CatalogResult>(live, 'done')[0];
    const replay = await readSse(await postCatalog(token, request));
    expect(replay.map((event) => event.event)).toEqual(['reply', 'catalog', 'usage', 'done']);
    expect(eventsNamed(replay, 'reply')).toEqual([{ text: result?.reply }]);
    expect(eventsNamed(replay, 'done')).toEqual([result]);
    expect((await upstreamRequests(marker)).count).toBe(1);
  });

  it('misses for a new revision, another model or an edited text', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const request = catalogRequest(`Edited ${marker}`);
    await (await postCatalog(token, request)).text();
    await (
      await postCatalog(token, { ...request, entry: { ...request.entry, revId: 'r2' } })
    ).text();
    await (await postCatalog(token, { ...request, model: 'google/gemini-2.5-flash' })).text();
    await (
      await postCatalog(token, {
        ...request,
        entry: { ...request.entry, text: `${request.entry.text}!` },
      })
    ).text();
    expect((await upstreamRequests(marker)).count).toBe(4);
  });

  it('keeps libraries apart: the same entry in another library is not a hit', async () => {
    const a = await registerDevice();
    const b = await registerDevice();
    const marker = uniqueMarker();
    const request = catalogRequest(`Shared id ${marker}`);
    await (await postCatalog(a.token, request)).text();
    const other = await postCatalog(b.token, request);
    expect(other.headers.get(REPLAYED_HEADER)).toBeNull();
    await other.text();
    expect((await upstreamRequests(marker)).count).toBe(2);
  });

  it('stores only the result, with an expiry about a week away', async () => {
    const { token, libraryId } = await registerDevice();
    await (await postCatalog(token, catalogRequest('What is kept'))).text();
    const rows = await runInDurableObject(libraryStub(libraryId), (_instance, state) =>
      state.storage.sql
        .exec<{ result: string; expires_at: string }>('SELECT result, expires_at FROM reply_cache')
        .toArray(),
    );
    expect(rows).toHaveLength(1);
    const days = (Date.parse(rows[0]?.expires_at ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(Object.keys(JSON.parse(rows[0]?.result ?? '{}')).sort()).toEqual(
      [
        'catalog',
        'entryId',
        'model',
        'notebook',
        'promptVersion',
        'reasoning',
        'reply',
        'usage',
      ].sort(),
    );
  });

  it('never answers a full request with a brief reply kept for the same revision', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const request = catalogRequest(`Ink ran low ${marker}`);
    request.entry.revId = 'rev-brief';
    await (await postCatalog(token, { ...request, replyLength: 'brief' })).text();
    const full = await postCatalog(token, request);
    expect(full.headers.get(REPLAYED_HEADER)).toBeNull();
    await full.text();
    const sent = await upstreamRequests(marker);
    expect(sent.count).toBe(2);
    // A retry of either answer is a hit: each was kept under its own length.
    const briefRetry = await postCatalog(token, { ...request, replyLength: 'brief' });
    const fullRetry = await postCatalog(token, request);
    expect(briefRetry.headers.get(REPLAYED_HEADER)).toBe('true');
    expect(fullRetry.headers.get(REPLAYED_HEADER)).toBe('true');
    expect((await upstreamRequests(marker)).count).toBe(2);
  });

  it('answers a brief request with a full reply already paid for', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const request = catalogRequest(`Answered in full ${marker}`);
    request.entry.revId = 'rev-full';
    const full = CatalogResultSchema.parse(await (await postCatalog(token, request)).json());
    const brief = await postCatalog(token, { ...request, replyLength: 'brief' });
    expect(brief.headers.get(REPLAYED_HEADER)).toBe('true');
    expect(CatalogResultSchema.parse(await brief.json())).toEqual(full);
    expect((await upstreamRequests(marker)).count).toBe(1);
  });

  it('keeps the lengths apart in batches too', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const entries = ['A walk by the river.', '和朋友吃了火锅。'].map((text, index) => ({
      id: `b-${index}`,
      revId: `rev-${index}`,
      text: `${text} ${marker}`,
      writtenAt: '2026-11-29T09:30:00+08:00',
    }));
    const batch = async (replyLength: 'brief' | 'normal') => {
      const response = await postCatalog(token, {
        entries,
        replyLength,
      } as unknown as Parameters<typeof postCatalog>[1]);
      expect(response.status).toBe(200);
      return CatalogBatchResultSchema.parse(await response.json());
    };
    await batch('brief');
    const normal = await batch('normal');
    expect(normal.results.map((item) => item.ok)).toEqual([true, true]);
    expect((await upstreamRequests(marker)).count).toBe(2);
    // Both lengths are kept now: neither asks again.
    await batch('brief');
    await batch('normal');
    expect((await upstreamRequests(marker)).count).toBe(2);
  });
});
