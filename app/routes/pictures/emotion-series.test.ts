import { describe, expect, it } from 'vitest';
import type { CatalogCard, Memory } from '$lib/db/database';
import { bucketOf, emotionKey, emotionSeries } from './emotion-series';

let next = 0;
function memory(
  writtenAt: string,
  emotions: string[] | null,
  options: { hall?: CatalogCard['hall']; deleted?: boolean } = {},
): Memory {
  next += 1;
  const catalog: CatalogCard | null = emotions
    ? {
        title: 't',
        summary: 's',
        hall: options.hall ?? 'everyday',
        shelf: 'days',
        emotions: emotions.map((name) => ({ name, intensity: 0.5 })),
        people: [],
        places: [],
        themes: [],
        keywords: [],
        whyHere: 'w',
        related: [],
        callNumber: 'EVE-days-0001',
        source: 'librarian',
        catalogedAt: writtenAt,
      }
    : null;
  return {
    id: `m${next}`,
    text: 'text',
    lang: 'en',
    writtenAt,
    writtenAtMs: Date.parse(writtenAt),
    createdAt: writtenAt,
    librarianStatus: 'catalogued',
    catalog,
    reply: null,
    reasoning: null,
    usage: null,
    model: null,
    promptVersion: null,
    librarianError: null,
    headRevId: 'r',
    updatedAt: writtenAt,
    mood: null,
    tags: [],
    isPrivate: false,
    deletedAt: options.deleted ? writtenAt : null,
    monthDay: writtenAt.slice(5, 10),
  };
}

describe('emotions over time', () => {
  it('buckets by the writer’s own calendar: ISO weeks from Monday, months', () => {
    // Sunday 2 March late at night in Shanghai is still the week of Monday 24 February there.
    expect(bucketOf('2025-03-02T23:30:00+08:00', 'week').key).toBe('2025-02-24');
    expect(bucketOf('2025-03-03T00:10:00+08:00', 'week').key).toBe('2025-03-03');
    expect(bucketOf('2025-03-31T23:59:00-05:00', 'month')).toEqual({
      key: '2025-03',
      start: Date.UTC(2025, 2),
    });
  });

  it('maps the AI librarian’s words and the device’s ids to one emotion', () => {
    expect(emotionKey('Calm').key).toBe('calm');
    expect(emotionKey('平静').key).toBe('calm');
    expect(emotionKey('开心')).toEqual({ key: 'joy', label: { en: 'joy', zh: '喜悦' } });
    expect(emotionKey('longing')).toEqual({
      key: 'longing',
      label: { en: 'longing', zh: 'longing' },
    });
  });

  it('counts memories per emotion per month, with the empty months between', () => {
    const series = emotionSeries(
      [
        memory('2025-01-05T10:00:00+08:00', ['calm', 'joy']),
        memory('2025-01-20T10:00:00+08:00', ['平静']),
        memory('2025-03-02T10:00:00+08:00', ['sadness']),
        memory('2025-02-10T10:00:00+08:00', null),
        memory('2025-02-11T10:00:00+08:00', ['anger'], { deleted: true }),
      ],
      'month',
    );
    expect(series.buckets.map((bucket) => bucket.key)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(series.memories).toEqual([2, 0, 1]);
    expect(series.emotions.map(({ key, counts, total }) => ({ key, counts, total }))).toEqual([
      { key: 'calm', counts: [2, 0, 0], total: 2 },
      { key: 'joy', counts: [1, 0, 0], total: 1 },
      { key: 'sadness', counts: [0, 0, 1], total: 1 },
    ]);
  });

  it('by week, and only the chosen hall', () => {
    const memories = [
      memory('2025-03-03T09:00:00Z', ['calm'], { hall: 'family' }),
      memory('2025-03-05T09:00:00Z', ['joy'], { hall: 'study-work' }),
      memory('2025-03-18T09:00:00Z', ['calm'], { hall: 'family' }),
    ];
    const family = emotionSeries(memories, 'week', 'family');
    expect(family.buckets.map((bucket) => bucket.key)).toEqual([
      '2025-03-03',
      '2025-03-10',
      '2025-03-17',
    ]);
    expect(family.emotions).toHaveLength(1);
    expect(family.emotions[0]).toMatchObject({ key: 'calm', counts: [1, 0, 1] });
    expect(emotionSeries(memories, 'week').emotions.map((line) => line.key)).toEqual([
      'calm',
      'joy',
    ]);
  });

  it('is empty when nothing is catalogued', () => {
    expect(emotionSeries([memory('2025-03-03T09:00:00Z', null)], 'month')).toEqual({
      buckets: [],
      memories: [],
      emotions: [],
    });
  });
});
