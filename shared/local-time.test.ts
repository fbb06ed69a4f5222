import { describe, expect, it } from 'vitest';
import { toLocalIsoString } from './local-time.ts';

describe('toLocalIsoString', () => {
  const moment = new Date('2025-03-01T13:05:09.120Z');

  it('writes the wall-clock time with a positive offset', () => {
    expect(toLocalIsoString(moment, 480)).toBe('2025-03-01T21:05:09.120+08:00');
  });

  it('writes negative and half-hour offsets', () => {
    expect(toLocalIsoString(moment, -150)).toBe('2025-03-01T10:35:09.120-02:30');
  });

  it('writes UTC as +00:00 and keeps the same instant', () => {
    const text = toLocalIsoString(moment, 0);
    expect(text).toBe('2025-03-01T13:05:09.120+00:00');
    expect(new Date(text).getTime()).toBe(moment.getTime());
  });

  it('refuses an invalid date', () => {
    expect(() => toLocalIsoString(new Date('nope'))).toThrow(RangeError);
  });
});
