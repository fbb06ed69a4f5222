import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBudget, nextUtcMonthStart, utcMonthKey } from './budget.ts';

const now = new Date('2026-11-29T23:30:00Z');
const limits = { day: 1000, month: 5000, monthCostUsd: 1 };
const nothing = { dayTokens: 0, monthTokens: 0, monthCostUsd: 0 };

describe('checkBudget', () => {
  it('allows a reservation that fits exactly', () => {
    expect(checkBudget(nothing, { tokens: 1000, costUsd: 1 }, limits, now)).toEqual({ ok: true });
  });

  it('reports the day first, resetting at UTC midnight', () => {
    expect(checkBudget(nothing, { tokens: 1001, costUsd: 0 }, limits, now)).toMatchObject({
      ok: false,
      scope: 'library-day',
      resetAt: '2026-11-30T00:00:00.000Z',
    });
  });

  it('reports the month, resetting on the first of the next month', () => {
    const spend = { dayTokens: 0, monthTokens: 4500, monthCostUsd: 0 };
    expect(checkBudget(spend, { tokens: 600, costUsd: 0 }, limits, now)).toMatchObject({
      scope: 'library-month',
      used: 4500,
      resetAt: '2026-12-01T00:00:00.000Z',
    });
  });

  it('reports the cost cap only when there is one', () => {
    const spend = { dayTokens: 0, monthTokens: 0, monthCostUsd: 0.99 };
    expect(checkBudget(spend, { tokens: 1, costUsd: 0.02 }, limits, now)).toMatchObject({
      scope: 'library-cost',
    });
    expect(
      checkBudget(spend, { tokens: 1, costUsd: 0.02 }, { ...limits, monthCostUsd: null }, now),
    ).toEqual({ ok: true });
  });

  it('never allows a total above any limit', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.nat(6000), fc.nat(2000), (dayTokens, monthTokens, tokens) => {
        const spend = { dayTokens, monthTokens: Math.max(monthTokens, dayTokens), monthCostUsd: 0 };
        const check = checkBudget(spend, { tokens, costUsd: 0 }, limits, now);
        if (check.ok) {
          expect(spend.dayTokens + tokens).toBeLessThanOrEqual(limits.day);
          expect(spend.monthTokens + tokens).toBeLessThanOrEqual(limits.month);
        }
      }),
    );
  });
});

describe('month keys', () => {
  it('roll over at the year end', () => {
    const december = new Date('2026-12-31T23:59:59Z');
    expect(utcMonthKey(december)).toBe('2026-12');
    expect(nextUtcMonthStart(december).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
