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

/** "3.2 MB" / "3.2 MB": storage sizes, rounded to what a person reads. */
export function formatBytes(bytes: number, tag: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(tag, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

/** "2:05 PM" / "14:05": a time later today, for an expiry. */
export function formatTime(iso: string, tag: string): string {
  return new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** "$0.000412": a model call's cost, to three significant digits. */
export function formatUsd(usd: number, tag: string): string {
  return new Intl.NumberFormat(tag, {
    style: 'currency',
    currency: 'USD',
    maximumSignificantDigits: 3,
  }).format(usd);
}

/** "42%" from a share between 0 and 1. */
export function formatPercent(share: number, tag: string): string {
  return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
