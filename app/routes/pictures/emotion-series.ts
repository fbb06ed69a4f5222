import { EMOTIONS } from '#shared/device-librarian/emotions';
import { foldForLexicon } from '#shared/device-librarian/mentions';
import type { HallId } from '#shared/hall-data';
import type { Memory } from '$lib/db/database';

export type Period = 'week' | 'month';

/** One week (from its Monday) or month, as the writer's own calendar saw it. */
export interface Bucket {
  /** `YYYY-MM` for a month, the Monday's `YYYY-MM-DD` for a week. */
  key: string;
  /** The bucket's first day at 00:00 UTC, for the chart's time axis. */
  start: number;
}

export interface EmotionLine {
  /** A lexicon emotion's id, else the name folded. */
  key: string;
  /** The bilingual name of a lexicon emotion, else the name as the librarian wrote it. */
  label: { en: string; zh: string };
  /** How many memories of each bucket name this emotion (same order as `buckets`). */
  counts: number[];
  total: number;
}

export interface EmotionSeries {
  buckets: Bucket[];
  /** Memories in each bucket that have a card (same order as `buckets`). */
  memories: number[];
  /** Most felt first. */
  emotions: EmotionLine[];
}

const DAY_MS = 86_400_000;

/**
 * An emotion as the chart counts it: the device names lexicon ids, the AI librarian writes free
 * words in the memory's language ("calm", "平静", "开心"), so both are mapped to the lexicon when
 * they are one of its names or cue words.
 */
export function emotionKey(name: string): { key: string; label: { en: string; zh: string } } {
  const folded = foldForLexicon(name).trim();
  const known = EMOTIONS.find(
    (emotion) =>
      emotion.id === folded ||
      emotion.en === folded ||
      emotion.zh === folded ||
      (emotion.words as readonly string[]).includes(folded),
  );
  if (known) return { key: known.id, label: { en: known.en, zh: known.zh } };
  return { key: folded, label: { en: name.trim(), zh: name.trim() } };
}

/** The bucket a memory falls in, from the date it was written in the writer's own offset. */
export function bucketOf(writtenAt: string, period: Period): Bucket {
  const [year, month, day] = writtenAt.slice(0, 10).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  if (period === 'month') return { key: writtenAt.slice(0, 7), start: Date.UTC(year, month - 1) };
  const date = Date.UTC(year, month - 1, day);
  // ISO weeks start on Monday: getUTCDay() is 0 for Sunday.
  const start = date - ((new Date(date).getUTCDay() + 6) % 7) * DAY_MS;
  return { key: new Date(start).toISOString().slice(0, 10), start };
}

function nextStart(start: number, period: Period): number {
  if (period === 'week') return start + 7 * DAY_MS;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

function keyOf(start: number, period: Period): string {
  return new Date(start).toISOString().slice(0, period === 'month' ? 7 : 10);
}

/**
 * Emotions over time: for each week or month from the first catalogued memory to the last (empty
 * ones included, so the time axis is even), how many memories name each emotion. The card a
 * memory shows is used: the AI librarian's when it came, else the device's guess.
 */
export function emotionSeries(
  memories: readonly Memory[],
  period: Period,
  hall: HallId | 'all' = 'all',
): EmotionSeries {
  const perBucket = new Map<string, { memories: number; emotions: Map<string, number> }>();
  const lines = new Map<string, { label: EmotionLine['label']; total: number }>();
  let first = Infinity;
  let last = -Infinity;
  for (const memory of memories) {
    const card = memory.catalog;
    if (!card || memory.deletedAt || (hall !== 'all' && card.hall !== hall)) continue;
    const bucket = bucketOf(memory.writtenAt, period);
    first = Math.min(first, bucket.start);
    last = Math.max(last, bucket.start);
    const entry = perBucket.get(bucket.key) ?? { memories: 0, emotions: new Map() };
    perBucket.set(bucket.key, entry);
    entry.memories += 1;
    const named = new Map(card.emotions.map((emotion) => [emotionKey(emotion.name).key, emotion]));
    for (const [key, emotion] of named) {
      entry.emotions.set(key, (entry.emotions.get(key) ?? 0) + 1);
      const line = lines.get(key) ?? { label: emotionKey(emotion.name).label, total: 0 };
      line.total += 1;
      lines.set(key, line);
    }
  }
  const buckets: Bucket[] = [];
  for (let start = first; start <= last; start = nextStart(start, period)) {
    buckets.push({ key: keyOf(start, period), start });
  }
  const emotions = [...lines]
    .map(([key, { label, total }]) => ({
      key,
      label,
      total,
      counts: buckets.map((bucket) => perBucket.get(bucket.key)?.emotions.get(key) ?? 0),
    }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  return {
    buckets,
    memories: buckets.map((bucket) => perBucket.get(bucket.key)?.memories ?? 0),
    emotions,
  };
}
