/**
 * An ISO 8601 timestamp in the writer's local time with its UTC offset, such as
 * `2025-03-01T21:05:09.120+08:00`: the moment is exact and the wall-clock time the person saw is
 * kept (`toISOString()` would turn an evening in Shanghai into the afternoon in UTC).
 */
export function toLocalIsoString(date: Date, offsetMinutes = -date.getTimezoneOffset()): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const minutes = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}
