/** Budget periods are UTC days; pure helpers so the Durable Object and tests agree. */
export function utcDayKey(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

export function secondsUntil(later: Date, now: Date): number {
  return Math.max(1, Math.ceil((later.getTime() - now.getTime()) / 1000));
}

/** Monthly budgets count UTC calendar months (`YYYY-MM`), the prefix of the day key. */
export function utcMonthKey(now: Date): string {
  return now.toISOString().slice(0, 7);
}

export function nextUtcMonthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

export interface BudgetLimits {
  /** Tokens per library per UTC day. */
  day: number;
  /** Tokens per library per UTC month. */
  month: number;
  /** USD per library per UTC month, or null for no cost cap. */
  monthCostUsd: number | null;
}

export interface BudgetSpend {
  dayTokens: number;
  monthTokens: number;
  monthCostUsd: number;
}

export type BudgetCheck =
  | { ok: true }
  | {
      ok: false;
      scope: 'library-day' | 'library-month' | 'library-cost';
      used: number;
      limit: number;
      resetAt: string;
    };

/**
 * Whether a reservation of `tokens` (and `costUsd`) fits every limit, checked day, month, cost:
 * the first that does not fit is the one reported, with the moment it resets.
 */
export function checkBudget(
  spend: BudgetSpend,
  request: { tokens: number; costUsd: number },
  limits: BudgetLimits,
  now: Date,
): BudgetCheck {
  if (spend.dayTokens + request.tokens > limits.day) {
    const resetAt = nextUtcMidnight(now).toISOString();
    return { ok: false, scope: 'library-day', used: spend.dayTokens, limit: limits.day, resetAt };
  }
  const resetAt = nextUtcMonthStart(now).toISOString();
  if (spend.monthTokens + request.tokens > limits.month) {
    return {
      ok: false,
      scope: 'library-month',
      used: spend.monthTokens,
      limit: limits.month,
      resetAt,
    };
  }
  if (limits.monthCostUsd !== null && spend.monthCostUsd + request.costUsd > limits.monthCostUsd) {
    const used = spend.monthCostUsd;
    return { ok: false, scope: 'library-cost', used, limit: limits.monthCostUsd, resetAt };
  }
  return { ok: true };
}
