import type { Memory } from '$lib/db/database';

/** One row of the timeline: a month heading, a day heading, or a memory. */
export type TimelineRow =
  | { kind: 'month'; key: string; month: string }
  | { kind: 'day'; key: string; day: string }
  | { kind: 'memory'; key: string; memory: Memory };

/**
 * Memories (newest first) with a heading before each new month and day. Dates are the writer's
 * own: the date part of `writtenAt`, which carries the offset it was written in.
 */
export function timelineRows(memories: readonly Memory[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let month = '';
  let day = '';
  for (const memory of memories) {
    const thisDay = memory.writtenAt.slice(0, 10);
    const thisMonth = thisDay.slice(0, 7);
    if (thisMonth !== month) {
      month = thisMonth;
      rows.push({ kind: 'month', key: `m-${month}`, month });
    }
    if (thisDay !== day) {
      day = thisDay;
      rows.push({ kind: 'day', key: `d-${day}`, day });
    }
    rows.push({ kind: 'memory', key: memory.id, memory });
  }
  return rows;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  map: Map<string, Intl.DateTimeFormat>,
  tag: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = map.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' });
    map.set(tag, format);
  }
  return format;
}

/** "March 2025" / "2025年3月" for `2025-03`. */
export function formatMonth(month: string, tag: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year!, monthNumber! - 1, 1));
  return cached(monthFormats, tag, { year: 'numeric', month: 'long' }).format(date);
}

/** "Saturday 1 March" / "3月1日星期六" for `2025-03-01`. */
export function formatDay(day: string, tag: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const value = new Date(Date.UTC(year!, month! - 1, date!));
  return cached(dayFormats, tag, { weekday: 'long', month: 'long', day: 'numeric' }).format(value);
}

/** "21:05" in the writer's own wall-clock time (from the ISO string, not this device's zone). */
export function wallClock(writtenAt: string): string {
  return writtenAt.slice(11, 16);
}
