const formatters = new Map<string, Intl.DateTimeFormat>();

/** "1 Mar 2025, 21:05" / "2025年3月1日 21:05", in this device's time zone. */
export function formatDateTime(iso: string, tag: string): string {
  let format = formatters.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    formatters.set(tag, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}
