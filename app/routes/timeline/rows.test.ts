import { describe, expect, it } from 'vitest';
import type { Memory } from '$lib/db/database';
import { formatDay, formatMonth, timelineRows, wallClock } from './rows.ts';

const memory = (id: string, writtenAt: string) => ({ id, writtenAt }) as Memory;

describe('timeline rows', () => {
  it('puts a month and a day heading before each new month and day', () => {
    const rows = timelineRows([
      memory('c', '2025-03-02T09:00:00.000+08:00'),
      memory('b', '2025-03-01T22:00:00.000+08:00'),
      memory('a', '2025-03-01T08:00:00.000+08:00'),
      memory('z', '2025-02-27T08:00:00.000-05:00'),
    ]);
    expect(rows.map((row) => row.key)).toEqual([
      'm-2025-03',
      'd-2025-03-02',
      'c',
      'd-2025-03-01',
      'b',
      'a',
      'm-2025-02',
      'd-2025-02-27',
      'z',
    ]);
  });

  it('formats months, days and times as the writer saw them', () => {
    expect(formatMonth('2025-03', 'en')).toBe('March 2025');
    expect(formatMonth('2025-03', 'zh-CN')).toBe('2025年3月');
    expect(formatDay('2025-03-01', 'en')).toContain('March');
    expect(wallClock('2025-03-01T21:05:00.000+08:00')).toBe('21:05');
  });
});
