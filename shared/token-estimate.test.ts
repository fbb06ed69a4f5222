import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimatePromptTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './token-estimate.ts';
import { nextUtcMidnight, secondsUntil, utcDayKey } from './budget.ts';

describe('token estimate', () => {
  it('takes the high end for Chinese (1.3 a character) and Latin (one per 3 characters)', () => {
    expect(estimateTokens('外婆做的桂花糕')).toBe(Math.ceil(7 * 1.3));
    expect(estimateTokens('abcdef')).toBe(2);
    expect(estimateTokens('')).toBe(0);
  });

  it('adds a fixed overhead per message', () => {
    expect(estimatePromptTokens([{ content: '' }, { content: '' }])).toBe(
      2 * MESSAGE_OVERHEAD_TOKENS,
    );
  });

  it('never shrinks when text is appended', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(estimateTokens(a + b)).toBeGreaterThanOrEqual(estimateTokens(a));
      }),
    );
  });
});

describe('budget periods', () => {
  it('are UTC days that reset at midnight', () => {
    const now = new Date('2026-11-29T23:59:30.000Z');
    expect(utcDayKey(now)).toBe('2026-11-29');
    expect(nextUtcMidnight(now).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(secondsUntil(nextUtcMidnight(now), now)).toBe(30);
  });

  it('never ask a client to retry in less than a second', () => {
    const now = new Date('2026-11-29T23:59:59.999Z');
    expect(secondsUntil(nextUtcMidnight(now), now)).toBe(1);
  });
});
