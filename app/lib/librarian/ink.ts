import type { ModelInfo } from '#shared/models';
import type { UsageReport } from '#shared/usage';

/**
 * The librarian's "ink": how much of today's and this month's token budget is left, and what the
 * app does about it, one step at a time (issue 6). `plenty`: as usual. `short`: brief replies.
 * `low`: brief replies from the cheapest allowed model. `out`: no more requests until the budget
 * resets; the device librarian shelves alone meanwhile.
 */
export type InkLevel = 'plenty' | 'short' | 'low' | 'out';

/** Below this share of a period's limit, replies are kept short. */
export const SHORT_SHARE = 0.4;
/** Below this share, a cheaper model answers too. */
export const LOW_SHARE = 0.2;
/**
 * Below this many tokens left, ink is out: the Worker reserves the prompt estimate plus the
 * reply's max tokens before each call, so a request this small would be refused anyway.
 */
export const OUT_TOKENS = 2_500;

export interface Ink {
  level: InkLevel;
  /** Share of the tighter period left, 0–1. */
  leftShare: number;
  /** When the tighter period refills (ISO). */
  resetAt: string;
}

export function inkOf(report: UsageReport): Ink {
  const periods = [report.day, report.month].filter((period) => period.limit > 0);
  if (periods.length === 0) return { level: 'plenty', leftShare: 1, resetAt: report.day.resetAt };
  const tightest = periods.reduce((a, b) => (b.left / b.limit < a.left / a.limit ? b : a));
  const leftShare = Math.max(0, Math.min(1, tightest.left / tightest.limit));
  const costOut =
    report.month.costLimitUsd !== null && report.month.costUsd >= report.month.costLimitUsd;
  const out = periods.find((period) => period.left < OUT_TOKENS);
  if (out || costOut) {
    return { level: 'out', leftShare, resetAt: (out ?? report.month).resetAt };
  }
  const level = leftShare < LOW_SHARE ? 'low' : leftShare < SHORT_SHARE ? 'short' : 'plenty';
  return { level, leftShare, resetAt: tightest.resetAt };
}

/** The allowed model with the lowest known price, unless it is the default already. */
export function cheaperModel(models: readonly ModelInfo[]): string | undefined {
  const priced = models.filter((model) => model.prices !== null);
  if (priced.length === 0) return undefined;
  const cost = (model: ModelInfo) => model.prices!.prompt * 4 + model.prices!.completion;
  const cheapest = priced.reduce((a, b) => (cost(b) < cost(a) ? b : a));
  const fallback = models.find((model) => model.isDefault);
  if (cheapest.isDefault || (fallback?.prices && cost(fallback) <= cost(cheapest))) {
    return undefined;
  }
  return cheapest.id;
}
