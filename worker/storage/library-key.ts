/**
 * Queries on the library key's helpers (SYNC-18a, SYNC-19a): the passphrase-wrapped key and the
 * pairing envelopes in transit. Values are JSON text the route validated; the server never sees
 * the key itself.
 */

export function findWrappedKey(sql: SqlStorage): { wrappedKey: string; version: number } | null {
  const row = sql
    .exec<{ wrapped_key: string; version: number }>(
      'SELECT wrapped_key, version FROM library_key WHERE id = 1',
    )
    .toArray()[0];
  return row ? { wrappedKey: row.wrapped_key, version: row.version } : null;
}

/** Writes when the stored version is `expectedVersion` (0: none yet); the new version, or null. */
export function replaceWrappedKey(
  sql: SqlStorage,
  wrappedKey: string,
  expectedVersion: number,
  now: Date,
): number | null {
  const current = findWrappedKey(sql)?.version ?? 0;
  if (current !== expectedVersion) return null;
  const version = current + 1;
  sql.exec(
    `INSERT INTO library_key (id, wrapped_key, version, updated_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET wrapped_key = excluded.wrapped_key,
       version = excluded.version, updated_at = excluded.updated_at`,
    wrappedKey,
    version,
    now.toISOString(),
  );
  return version;
}

/** False when an envelope for this request is already waiting (the first one stands). */
export function insertHandoff(
  sql: SqlStorage,
  handoff: { requestId: string; envelope: string; expiresAt: Date },
  now: Date,
): boolean {
  // Sweeping here keeps the table small without an alarm.
  sql.exec('DELETE FROM key_handoffs WHERE expires_at <= ?', now.toISOString());
  const inserted = sql
    .exec(
      `INSERT INTO key_handoffs (request_id, envelope, expires_at) VALUES (?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING request_id`,
      handoff.requestId,
      handoff.envelope,
      handoff.expiresAt.toISOString(),
    )
    .toArray();
  return inserted.length > 0;
}

/** Deletes and returns a waiting envelope: it can be read once. */
export function takeHandoff(sql: SqlStorage, requestId: string, now: Date): string | null {
  const row = sql
    .exec<{ envelope: string }>(
      'DELETE FROM key_handoffs WHERE request_id = ? AND expires_at > ? RETURNING envelope',
      requestId,
      now.toISOString(),
    )
    .toArray()[0];
  return row?.envelope ?? null;
}
