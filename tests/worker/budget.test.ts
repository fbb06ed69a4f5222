import { describe, expect, it } from 'vitest';
import { nextUtcMidnight, secondsUntil } from '#shared/budget';
import { ErrorBodySchema } from '#shared/errors';
import { CatalogResultSchema } from '#shared/librarian';
import {
  callApp,
  catalogRequest,
  jsonPost,
  ledgerRows,
  readSse,
  registerDevice,
  settledLedger,
  uniqueMarker,
  upstreamRequests,
} from './helpers.ts';

const catalogPath = '/api/v1/librarian/catalog';

describe('the daily token budget', () => {
  it('refuses with 429 budget-exceeded and Retry-After before any upstream call', async () => {
    const { token, libraryId } = await registerDevice();
    const marker = uniqueMarker();
    const { response } = await callApp(
      catalogPath,
      jsonPost(catalogRequest(`hello ${marker}`), token),
      { DAILY_TOKEN_BUDGET: '1000' },
    );
    expect(response.status).toBe(429);
    const { error } = ErrorBodySchema.parse(await response.json());
    const resetAt = nextUtcMidnight(new Date()).toISOString();
    expect(error).toMatchObject({
      code: 'budget-exceeded',
      details: { limit: 1000, used: 0, resetAt },
    });
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(Math.abs(retryAfter - secondsUntil(new Date(resetAt), new Date()))).toBeLessThanOrEqual(
      2,
    );
    expect((await upstreamRequests(marker)).count).toBe(0);
    expect(await ledgerRows(libraryId)).toEqual([]);
  });

  it('reserves the estimate plus max_tokens, then settles to the real usage', async () => {
    const { token, libraryId } = await registerDevice();
    const { response, finished } = await callApp(
      catalogPath,
      jsonPost(catalogRequest('Tea on the kitchen floor.'), token),
    );
    const result = CatalogResultSchema.parse(await response.json());
    await finished();
    const [row] = await settledLedger(libraryId);
    expect(row).toMatchObject({
      status: 'settled',
      model: 'openai/gpt-4o-mini',
      spent_tokens: result.usage.totalTokens,
      prompt_tokens: result.usage.promptTokens,
      completion_tokens: result.usage.completionTokens,
      cost_usd: result.usage.costUsd,
    });
    expect(row?.reserved_tokens).toBeGreaterThan(1200 + result.usage.promptTokens);
  });

  it('lets exactly the requests that fit reach the upstream when 20 arrive at once', async () => {
    // Measure one reservation (same length of text, so the same estimate) in another library.
    const probe = await registerDevice();
    const { response, finished } = await callApp(
      catalogPath,
      jsonPost(catalogRequest(`probe ${uniqueMarker()}[[slow:60]]`), probe.token),
    );
    await response.text();
    await finished();
    const [probeRow] = await settledLedger(probe.libraryId);
    const reservation = probeRow?.reserved_tokens ?? 0;
    const budget = reservation * 5 + Math.floor(reservation / 2);

    const { token, libraryId } = await registerDevice();
    const marker = uniqueMarker();
    // Slow replies keep every reservation open while the others arrive.
    const request = jsonPost(catalogRequest(`probe ${marker}[[slow:60]]`), token);
    const calls = await Promise.all(
      Array.from({ length: 20 }, () =>
        callApp(catalogPath, request, { DAILY_TOKEN_BUDGET: String(budget) }),
      ),
    );
    const statuses = await Promise.all(
      calls.map(
        async ({ response: reply, finished: done }) => (
          await reply.text(),
          await done(),
          reply.status
        ),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    expect((await upstreamRequests(marker)).count).toBe(5);
    const rows = await settledLedger(libraryId, 5);
    expect(rows.reduce((sum, row) => sum + (row.spent_tokens ?? 0), 0)).toBeLessThanOrEqual(budget);
  });

  it('settles an aborted stream, keeping the reservation as spent when no usage arrived', async () => {
    const { token, libraryId } = await registerDevice();
    const { response, finished } = await callApp(
      catalogPath,
      jsonPost(catalogRequest('A stalled reply [[hang]]', { stream: true }), token),
    );
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^event: reply\n/);
    await reader.cancel();
    await finished();
    const [row] = await settledLedger(libraryId);
    expect(row?.spent_tokens).toBe(row?.reserved_tokens);
  });

  it('keeps the reservation as spent when the upstream reports no usage', async () => {
    const { token, libraryId } = await registerDevice();
    const { response, finished } = await callApp(
      catalogPath,
      jsonPost(catalogRequest('No usage here [[no-usage]]'), token),
    );
    expect(CatalogResultSchema.parse(await response.json()).usage.totalTokens).toBe(0);
    await finished();
    const [row] = await settledLedger(libraryId);
    expect(row?.spent_tokens).toBe(row?.reserved_tokens);
  });

  it('settles an all-zero usage report as zero spent', async () => {
    const { token, libraryId } = await registerDevice();
    const { response, finished } = await callApp(
      catalogPath,
      jsonPost(catalogRequest('Replayed [[zero-usage]]', { stream: true }), token),
    );
    await readSse(response);
    await finished();
    const [row] = await settledLedger(libraryId);
    expect(row).toMatchObject({ spent_tokens: 0, prompt_tokens: 0, cost_usd: 0 });
  });

  it('counts open reservations and settled spend together', async () => {
    const { token, libraryId } = await registerDevice();
    const { response, finished } = await callApp(
      catalogPath,
      jsonPost(catalogRequest('first'), token),
    );
    await response.text();
    await finished();
    const [row] = await settledLedger(libraryId);
    const spent = row?.spent_tokens ?? 0;
    const reservation = row?.reserved_tokens ?? 0;
    // Exactly enough for one more reservation on top of what was spent: allowed once, then refused.
    const budget = String(spent + reservation);
    const second = await callApp(
      catalogPath,
      jsonPost(catalogRequest('first', { stream: true }), token),
      { DAILY_TOKEN_BUDGET: budget },
    );
    await readSse(second.response);
    await second.finished();
    const third = await callApp(catalogPath, jsonPost(catalogRequest('first'), token), {
      DAILY_TOKEN_BUDGET: budget,
    });
    expect(third.response.status).toBe(429);
  });
});
