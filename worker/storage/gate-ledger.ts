/**
 * The Gate's SQL: operator-wide tokens per UTC day. Every librarian call of every library passes
 * here, so it keeps one running total per day (not a row per call) plus the open reservations.
 */
export const GATE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE gate_days (
    day TEXT PRIMARY KEY,
    -- Settled spend plus open reservations: what the next reservation is checked against.
    used_tokens INTEGER NOT NULL
  );
  CREATE TABLE gate_reservations (
    id TEXT PRIMARY KEY,
    day TEXT NOT NULL,
    tokens INTEGER NOT NULL
  );
  `,
];

export function gateUsedOn(sql: SqlStorage, day: string): number {
  const row = sql
    .exec<{ used: number }>('SELECT used_tokens AS used FROM gate_days WHERE day = ?', day)
    .toArray()[0];
  return row?.used ?? 0;
}

export function insertGateReservation(
  sql: SqlStorage,
  reservation: { id: string; day: string; tokens: number },
): void {
  // Old days are never read again: drop them while we are writing anyway.
  sql.exec('DELETE FROM gate_days WHERE day < ?', reservation.day);
  sql.exec('DELETE FROM gate_reservations WHERE day < ?', reservation.day);
  sql.exec(
    `INSERT INTO gate_days (day, used_tokens) VALUES (?, ?)
     ON CONFLICT (day) DO UPDATE SET used_tokens = used_tokens + excluded.used_tokens`,
    reservation.day,
    reservation.tokens,
  );
  sql.exec(
    'INSERT INTO gate_reservations (id, day, tokens) VALUES (?, ?, ?)',
    reservation.id,
    reservation.day,
    reservation.tokens,
  );
}

/** Replaces a reservation by the real spend (null: keep it all as spent). Twice changes nothing. */
export function settleGateReservation(sql: SqlStorage, id: string, spent: number | null): void {
  const row = sql
    .exec<{ day: string; tokens: number }>(
      'SELECT day, tokens FROM gate_reservations WHERE id = ?',
      id,
    )
    .toArray()[0];
  if (!row) return;
  sql.exec('DELETE FROM gate_reservations WHERE id = ?', id);
  if (spent === null) return;
  sql.exec(
    'UPDATE gate_days SET used_tokens = MAX(0, used_tokens - ?) WHERE day = ?',
    row.tokens - spent,
    row.day,
  );
}
