import { secondsUntil, type BudgetLimits } from '#shared/budget';
import type { Usage } from '#shared/librarian';
import type { BudgetRefusal } from '#shared/usage';
import type { AuthenticatedDevice } from './app-env.ts';
import type { Config, Env } from './env.ts';
import { HttpError } from './http-error.ts';
import { estimateCostUsd } from './librarian/models.ts';
import { ZERO_USAGE } from './librarian/usage.ts';

/** Settles a reservation once; later calls are ignored, so every exit path may call it. */
export type Settle = (usage: Usage | null) => void;

export interface CallBudget {
  model: string;
  promptTokens: number;
  maxTokens: number;
}

export function budgetLimits(config: Config): BudgetLimits {
  return {
    day: config.dailyTokenBudget,
    month: config.monthlyTokenBudget,
    monthCostUsd: config.monthlyCostBudgetUsd,
  };
}

export function gateOf(env: Env, config: Config) {
  return env.GATE.get(env.GATE.idFromName(config.gateName));
}

/**
 * Reserves `promptTokens + maxTokens` in the library (day, month, cost), then in the operator's
 * Gate, before any upstream call; refuses with 429 when either does not fit (a library reservation
 * the Gate refused is released). The returned `settle` records the real usage in both, in the
 * background (waitUntil), so an aborted stream still settles.
 */
export async function reserveCall(
  device: AuthenticatedDevice,
  budget: CallBudget,
  env: Env,
  config: Config,
  ctx: ExecutionContext,
): Promise<Settle> {
  const now = Date.now();
  const tokens = budget.promptTokens + budget.maxTokens;
  const library = await device.library.reserveBudget({
    tokens,
    costUsd: estimateCostUsd(budget.model, budget.promptTokens, budget.maxTokens),
    limits: budgetLimits(config),
    now,
    model: budget.model,
  });
  if (!library.ok) throw budgetExceeded(library, now);
  const gate = gateOf(env, config);
  const opened = await gate
    .reserve({ tokens, limit: config.globalDailyTokenBudget, now })
    .catch(async (error: unknown) => {
      await releaseLibrary(device, library.reservationId);
      throw error;
    });
  if (!opened.ok) {
    await releaseLibrary(device, library.reservationId);
    throw budgetExceeded({ ...opened, scope: 'operator-day' }, now);
  }
  let isSettled = false;
  return (usage) => {
    if (isSettled) return;
    isSettled = true;
    const settling = Promise.all([
      device.library.settleBudget({ reservationId: library.reservationId, usage, now: Date.now() }),
      gate.settle({ reservationId: opened.reservationId, spentTokens: usage?.totalTokens ?? null }),
    ]).catch(() => console.error('budget settlement failed'));
    ctx.waitUntil(settling);
  };
}

/** A reservation nothing was sent for: settle it as zero spent. */
async function releaseLibrary(device: AuthenticatedDevice, reservationId: string): Promise<void> {
  await device.library.settleBudget({ reservationId, usage: ZERO_USAGE, now: Date.now() });
}

const MESSAGES: Record<BudgetRefusal['scope'], string> = {
  'library-day': 'Today’s librarian budget for this library is used up. It resets at midnight UTC.',
  'library-month':
    'This month’s librarian budget for this library is used up. It resets on the first of the month (UTC).',
  'library-cost':
    'This month’s librarian spending limit for this library is reached. It resets on the first of the month (UTC).',
  'operator-day':
    'The librarian has reached this server’s budget for today. It resets at midnight UTC.',
};

function budgetExceeded(refusal: BudgetRefusal, now: number): HttpError {
  const retryAfter = secondsUntil(new Date(refusal.resetAt), new Date(now));
  const details: BudgetRefusal = {
    scope: refusal.scope,
    limit: refusal.limit,
    used: refusal.used,
    resetAt: refusal.resetAt,
  };
  return new HttpError(429, 'budget-exceeded', MESSAGES[refusal.scope], details, {
    'retry-after': String(retryAfter),
  });
}
