/**
 * Queries on the reply cache: validated CatalogResults by idempotency key. DESIGN.md §9 keeps
 * what goes to the AI off the server; this cache is the one exception §2 names, so it holds only
 * the answer (reply, card, usage), never the prompt, and every row expires.
 */

/** How long a result answers a retry: long enough for a phone that was offline for days. */
export const REPLY_CACHE_TTL_MS = 7 * 24 * 3600 * 1000;

export function findCachedResult(sql: SqlStorage, key: string, now: Date): string | null {
  const row = sql
    .exec<{ result: string }>(
      'SELECT result FROM reply_cache WHERE key = ? AND expires_at > ?',
      key,
      now.toISOString(),
    )
    .toArray()[0];
  return row?.result ?? null;
}

export function storeCachedResult(sql: SqlStorage, key: string, result: string, now: Date): void {
  // Sweeping here keeps the table small without an alarm.
  sql.exec('DELETE FROM reply_cache WHERE expires_at <= ?', now.toISOString());
  sql.exec(
    `INSERT OR REPLACE INTO reply_cache (key, result, created_at, expires_at) VALUES (?, ?, ?, ?)`,
    key,
    result,
    now.toISOString(),
    new Date(now.getTime() + REPLY_CACHE_TTL_MS).toISOString(),
  );
}
