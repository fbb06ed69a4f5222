import type { Usage } from '#shared/librarian';

/** Queries on the budget ledger: one row per librarian call, reserved before it and settled after. */

export interface NewReservation {
  id: string;
  day: string;
  tokens: number;
  model: string | null;
  createdAt: string;
}

/** Tokens a day has used: open reservations count in full, settled ones at their real spend. */
export function tokensUsedOn(sql: SqlStorage, day: string): number {
  const row = sql
    .exec<{ used: number }>(
      `SELECT COALESCE(SUM(CASE WHEN status = 'reserved' THEN reserved_tokens ELSE spent_tokens END), 0) AS used
       FROM budget_ledger WHERE day = ?`,
      day,
    )
    .one();
  return row.used;
}

export function insertReservation(sql: SqlStorage, reservation: NewReservation): void {
  sql.exec(
    `INSERT INTO budget_ledger (id, day, reserved_tokens, status, created_at, model)
     VALUES (?, ?, ?, 'reserved', ?, ?)`,
    reservation.id,
    reservation.day,
    reservation.tokens,
    reservation.createdAt,
    reservation.model,
  );
}

/**
 * Closes a reservation. With usage, the real total is spent; without (the call died before the
 * upstream reported it), the whole reservation stays spent, since the upstream may have billed it.
 * Settling twice changes nothing.
 */
export function settleReservation(
  sql: SqlStorage,
  id: string,
  usage: Usage | null,
  settledAt: string,
): void {
  if (usage) {
    sql.exec(
      `UPDATE budget_ledger SET status = 'settled', settled_at = ?, spent_tokens = ?, cost_usd = ?,
         prompt_tokens = ?, completion_tokens = ?, cached_tokens = ?
       WHERE id = ? AND status = 'reserved'`,
      settledAt,
      usage.totalTokens,
      usage.costUsd,
      usage.promptTokens,
      usage.completionTokens,
      usage.cachedTokens,
      id,
    );
  } else {
    sql.exec(
      `UPDATE budget_ledger SET status = 'settled', settled_at = ?, spent_tokens = reserved_tokens
       WHERE id = ? AND status = 'reserved'`,
      settledAt,
      id,
    );
  }
}
