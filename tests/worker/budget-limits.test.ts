import { describe, expect, it } from 'vitest';
import { nextUtcMidnight, nextUtcMonthStart } from '#shared/budget';
import { ErrorBodySchema } from '#shared/errors';
import { CatalogResultSchema } from '#shared/librarian';
import { BudgetRefusalSchema, UsageReportSchema } from '#shared/usage';
import {
  callApp,
  catalogRequest,
  jsonPost,
  ledgerRows,
  registerDevice,
  settledLedger,
  uniqueMarker,
  upstreamRequests,
} from './helpers.ts';

const catalogPath = '/api/v1/librarian/catalog';

/** One call's reservation for a text of this length (same text length → same estimate). */
async function reservationFor(text: string): Promise<number> {
  const probe = await registerDevice();
  const { response, finished } = await callApp(
    catalogPath,
    jsonPost(catalogRequest(text), probe.token),
  );
  await response.text();
  await finished();
  const [row] = await settledLedger(probe.libraryId);
  return row?.reserved_tokens ?? 0;
}

async function refusal(response: Response) {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  const { error } = ErrorBodySchema.parse(await response.json());
  expect(error.code).toBe('budget-exceeded');
  return BudgetRefusalSchema.parse(error.details);
}

describe('budgets under concurrency', () => {
  it('lets exactly 50 of 200 parallel requests reach the upstream when the budget fits 50', async () => {
    const marker = uniqueMarker();
    const text = `parallel ${marker}[[slow:20]]`;
    const reservation = await reservationFor(text.replace(marker, uniqueMarker()));
    const budget = reservation * 50 + Math.floor(reservation / 2);
    const { token, libraryId } = await registerDevice();
    const overrides = { DAILY_TOKEN_BUDGET: String(budget), GATE_NAME: `gate-${marker}` };
    const calls = await Promise.all(
      Array.from({ length: 200 }, () =>
        callApp(catalogPath, jsonPost(catalogRequest(text), token), overrides),
      ),
    );
    const statuses = await Promise.all(
      calls.map(async ({ response, finished }) => {
        await response.text();
        await finished();
        return response.status;
      }),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(50);
    expect(statuses.filter((status) => status === 429)).toHaveLength(150);
    expect((await upstreamRequests(marker)).count).toBe(50);
    const rows = await settledLedger(libraryId, 50);
    expect(rows.reduce((sum, row) => sum + (row.spent_tokens ?? 0), 0)).toBeLessThanOrEqual(budget);
  }, 30_000);
});

describe('the monthly budgets', () => {
  it('refuses with scope library-month and the first of next month as reset time', async () => {
    const { token, libraryId } = await registerDevice();
    const marker = uniqueMarker();
    const { response } = await callApp(
      catalogPath,
      jsonPost(catalogRequest(`month ${marker}`), token),
      { DAILY_TOKEN_BUDGET: '10000000', MONTHLY_TOKEN_BUDGET: '1000' },
    );
    expect(await refusal(response)).toEqual({
      scope: 'library-month',
      limit: 1000,
      used: 0,
      resetAt: nextUtcMonthStart(new Date()).toISOString(),
    });
    expect((await upstreamRequests(marker)).count).toBe(0);
    expect(await ledgerRows(libraryId)).toEqual([]);
  });

  it('refuses when the estimated cost does not fit the monthly cost cap', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const { response } = await callApp(
      catalogPath,
      jsonPost(catalogRequest(`cost ${marker}`), token),
      { MONTHLY_COST_BUDGET_USD: '0.0001' },
    );
    expect((await refusal(response)).scope).toBe('library-cost');
    expect((await upstreamRequests(marker)).count).toBe(0);
  });
});

describe('the operator-wide Gate', () => {
  it('caps two libraries together, and releases the library reservation it refused', async () => {
    const text = `gate ${uniqueMarker()}`;
    const reservation = await reservationFor(text);
    const overrides = {
      GATE_NAME: `gate-${crypto.randomUUID()}`,
      GLOBAL_DAILY_TOKEN_BUDGET: String(reservation + Math.floor(reservation / 2)),
    };
    const a = await registerDevice();
    const b = await registerDevice();
    const first = await callApp(catalogPath, jsonPost(catalogRequest(text), a.token), overrides);
    expect(first.response.status).toBe(200);
    await first.response.text();
    await first.finished();
    const marker = uniqueMarker();
    const second = await callApp(
      catalogPath,
      jsonPost(catalogRequest(`gate ${marker}`), b.token),
      overrides,
    );
    // Library B's own budget is untouched, but the deployment's is not enough for a second call.
    const details = await refusal(second.response);
    expect(details).toMatchObject({
      scope: 'operator-day',
      resetAt: nextUtcMidnight(new Date()).toISOString(),
    });
    expect((await upstreamRequests(marker)).count).toBe(0);
    const [released] = await ledgerRows(b.libraryId);
    expect(released).toMatchObject({ status: 'settled', spent_tokens: 0 });
  });
});

describe('GET /api/v1/usage', () => {
  it('reports used, left and reset times for the day and month, and the cost', async () => {
    const { token, libraryId } = await registerDevice();
    const overrides = { MONTHLY_COST_BUDGET_USD: '5' };
    const empty = UsageReportSchema.parse(
      await (
        await callApp('/api/v1/usage', { headers: { authorization: `Bearer ${token}` } }, overrides)
      ).response.json(),
    );
    expect(empty.day).toEqual({
      used: 0,
      limit: 200000,
      left: 200000,
      resetAt: nextUtcMidnight(new Date()).toISOString(),
    });
    expect(empty.month).toMatchObject({ used: 0, limit: 3000000, costUsd: 0, costLimitUsd: 5 });
    const { response, finished } = await callApp(
      catalogPath,
      jsonPost(catalogRequest('Tea on the kitchen floor.'), token),
    );
    const result = CatalogResultSchema.parse(await response.json());
    await finished();
    await settledLedger(libraryId);
    const report = UsageReportSchema.parse(
      await (
        await callApp('/api/v1/usage', { headers: { authorization: `Bearer ${token}` } }, overrides)
      ).response.json(),
    );
    expect(report.day).toMatchObject({
      used: result.usage.totalTokens,
      left: 200000 - result.usage.totalTokens,
    });
    expect(report.month.used).toBe(result.usage.totalTokens);
    expect(report.month.costUsd).toBeCloseTo(result.usage.costUsd ?? 0, 10);
  });

  it('needs a device token', async () => {
    const { response } = await callApp('/api/v1/usage', {});
    expect(response.status).toBe(401);
  });
});
