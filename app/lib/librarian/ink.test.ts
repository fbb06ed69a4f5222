import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '#shared/models';
import type { UsageReport } from '#shared/usage';
import { cheaperModel, inkOf } from './ink.ts';

function report(dayLeft: number, monthLeft = 2_000_000, costUsd = 0): UsageReport {
  return {
    day: {
      used: 200_000 - dayLeft,
      limit: 200_000,
      left: dayLeft,
      resetAt: '2025-03-02T00:00:00Z',
    },
    month: {
      used: 3_000_000 - monthLeft,
      limit: 3_000_000,
      left: monthLeft,
      resetAt: '2025-04-01T00:00:00Z',
      costUsd,
      costLimitUsd: 5,
    },
  };
}

const model = (id: string, prompt: number | null, isDefault = false): ModelInfo => ({
  id,
  isDefault,
  prices:
    prompt === null ? null : { prompt, completion: prompt * 4, cacheRead: null, cacheWrite: null },
  supportsStructuredOutput: true,
  supportsReasoning: false,
});

describe('the librarian’s ink', () => {
  it('is plenty, then short below two fifths, low below a fifth of the tighter period, then out', () => {
    expect(inkOf(report(150_000)).level).toBe('plenty');
    expect(inkOf(report(60_000))).toMatchObject({ level: 'short', leftShare: 0.3 });
    expect(inkOf(report(30_000))).toMatchObject({ level: 'low', leftShare: 0.15 });
    expect(inkOf(report(1_000))).toMatchObject({ level: 'out', resetAt: '2025-03-02T00:00:00Z' });
  });

  it('follows the month when it is the tighter limit, and the cost cap', () => {
    expect(inkOf(report(150_000, 100_000)).level).toBe('low');
    expect(inkOf(report(150_000, 1_000))).toMatchObject({
      level: 'out',
      resetAt: '2025-04-01T00:00:00Z',
    });
    expect(inkOf(report(150_000, 2_000_000, 5)).level).toBe('out');
  });

  it('treats a zero limit as no limit', () => {
    const unlimited = report(0, 0);
    unlimited.day.limit = 0;
    unlimited.month.limit = 0;
    expect(inkOf(unlimited).level).toBe('plenty');
  });
});

describe('the cheaper model', () => {
  it('is the cheapest priced model, unless that is the default', () => {
    expect(cheaperModel([model('a', 2e-6, true), model('b', 1e-7), model('c', null)])).toBe('b');
    expect(cheaperModel([model('a', 1e-7, true), model('b', 2e-6)])).toBeUndefined();
    expect(cheaperModel([model('a', null, true), model('b', null)])).toBeUndefined();
  });
});
