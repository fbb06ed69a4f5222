import type { ApiError } from '../api/result.ts';
import { isMessageKey, languageTag, translate, type Locale, type MessageKey } from './index.ts';

/**
 * The one place an error becomes words for the person, in their language. A code the app does
 * not know yet falls back to the server's own message.
 */
export function describeError(
  locale: Locale,
  error: { code: ApiError['code'] | (string & {}); message: string; retryAfterSeconds?: number },
): string {
  const key = `error.${error.code}`;
  const base = isMessageKey(locale, key) ? translate(locale, key) : error.message;
  if (error.retryAfterSeconds === undefined) return base;
  const when = describeDelay(locale, error.retryAfterSeconds);
  return `${base} ${translate(locale, 'error.retryIn', { when })}`;
}

/** "in 5 minutes" / "5分钟后", rounded to the unit a person would say. */
export function describeDelay(locale: Locale, seconds: number): string {
  const format = new Intl.RelativeTimeFormat(languageTag(locale), { numeric: 'auto' });
  if (seconds < 60) return format.format(Math.max(1, Math.round(seconds)), 'second');
  if (seconds < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (seconds < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

const CONNECTION_LOST = new Set([
  'DatabaseClosedError',
  'InvalidStateError',
  'UnknownError',
  'TransactionInactiveError',
  'AbortError',
]);

function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth += 1) {
    const { name, inner } = current as { name?: unknown; inner?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner;
  }
  return names;
}

/** The browser closed or lost the IndexedDB connection (Safari does this in the background). */
export function isConnectionLost(error: unknown): boolean {
  const names = errorNames(error);
  return !names.includes('QuotaExceededError') && names.some((name) => CONNECTION_LOST.has(name));
}

/** Which words explain a failed write: out of space, connection lost, or anything else. */
export function storageErrorKey(error: unknown): { key: MessageKey; detail: string } {
  const names = errorNames(error);
  const detail = names[0] ?? String(error);
  if (names.includes('QuotaExceededError')) return { key: 'error.quota', detail };
  if (isConnectionLost(error)) return { key: 'error.connectionLost', detail };
  return { key: 'error.storage', detail };
}
