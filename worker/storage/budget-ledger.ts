import type { Usage } from '#shared/librarian';

/** Queries on the budget ledger: one row per librarian call, reserved before it and settled after. */

export interface NewReservation {
  id: string;
  day: string;
  tokens: number;
  costUsd: number;
  model: string | null;
  createdAt: string;
}

/** Days from `first` to `last` inclusive (`YYYY-MM-DD` keys sort as dates). */
export interface DayRange {
  first: string;
  last: string;
}

export function dayRange(day: string): DayRange {
  return { first: day, last: day };
}

export function monthRange(month: string): DayRange {
  return { first: `${month}-01`, last: `${month}-31` };
}

/** Tokens and USD a range has used: open reservations count in full, settled ones at their real spend. */
export function spentIn(sql: SqlStorage, range: DayRange): { tokens: number; costUsd: number } {
  const row = sql
    .exec<{ tokens: number; cost: number }>(
      `SELECT
         COALESCE(SUM(CASE WHEN status = 'reserved' THEN reserved_tokens ELSE spent_tokens END), 0) AS tokens,
         COALESCE(SUM(CASE WHEN status = 'reserved' THEN COALESCE(reserved_cost_usd, 0)
                           ELSE COALESCE(cost_usd, 0) END), 0) AS cost
       FROM budget_ledger WHERE day BETWEEN ? AND ?`,
      range.first,
      range.last,
    )
    .one();
  return { tokens: row.tokens, costUsd: row.cost };
}

export function insertReservation(sql: SqlStorage, reservation: NewReservation): void {
  sql.exec(
    `INSERT INTO budget_ledger (id, day, reserved_tokens, reserved_cost_usd, status, created_at, model)
     VALUES (?, ?, ?, ?, 'reserved', ?, ?)`,
    reservation.id,
    reservation.day,
    reservation.tokens,
    reservation.costUsd,
    reservation.createdAt,
    reservation.model,
  );
}

/**
 * Closes a reservation. With usage, the real total is spent; without (the call died before the
 * upstream reported it), the whole reservation stays spent, tokens and estimated cost, since the
 * upstream may have billed it. Settling twice changes nothing.
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
      `UPDATE budget_ledger SET status = 'settled', settled_at = ?, spent_tokens = reserved_tokens,
         cost_usd = reserved_cost_usd
       WHERE id = ? AND status = 'reserved'`,
      settledAt,
      id,
    );
  }
}
