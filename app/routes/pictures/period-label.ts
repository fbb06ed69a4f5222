import type { Bucket, Period } from './emotion-series';

/** A week or month as a person reads it ("March 2025", "Week of 3 Mar 2025"). */
export function periodLabel(
  bucket: Bucket,
  period: Period,
  tag: string,
  weekOf: (date: string) => string,
): string {
  // Buckets are calendar days of the writer, stored at 00:00 UTC: format them in UTC.
  if (period === 'month') {
    return new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      bucket.start,
    );
  }
  const day = new Intl.DateTimeFormat(tag, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(bucket.start);
  return weekOf(day);
}
