/** The Pairing objects' SQL: open pairing codes (hashed) and recent failed attempts. */
export const PAIRING_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE pairing_codes (
    -- SHA-256 of the normalised code; the code itself is never stored.
    code_hash TEXT PRIMARY KEY,
    library_id TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  -- One row per wrong code, for the guessing limit; swept after the window.
  CREATE TABLE pairing_failures (at TEXT NOT NULL);
  `,
];

export function insertPairingCode(
  sql: SqlStorage,
  code: { codeHash: string; libraryId: string; expiresAt: string },
  now: string,
): void {
  sql.exec('DELETE FROM pairing_codes WHERE expires_at <= ?', now);
  sql.exec(
    'INSERT INTO pairing_codes (code_hash, library_id, expires_at) VALUES (?, ?, ?)',
    code.codeHash,
    code.libraryId,
    code.expiresAt,
  );
}

/** Deletes and returns the code's library, if the code is open: a code works once. */
export function takePairingCode(sql: SqlStorage, codeHash: string, now: string): string | null {
  const row = sql
    .exec<{ library_id: string }>(
      'DELETE FROM pairing_codes WHERE code_hash = ? AND expires_at > ? RETURNING library_id',
      codeHash,
      now,
    )
    .toArray()[0];
  return row?.library_id ?? null;
}

export function countFailuresSince(sql: SqlStorage, since: string): number {
  sql.exec('DELETE FROM pairing_failures WHERE at <= ?', since);
  return sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM pairing_failures').one().n;
}

export function recordFailure(sql: SqlStorage, at: string): void {
  sql.exec('INSERT INTO pairing_failures (at) VALUES (?)', at);
}
