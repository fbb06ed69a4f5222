import { z } from 'zod';

/** One budget period as `GET /api/v1/usage` reports it: tokens used, the limit, what is left. */
export const UsagePeriodSchema = z.object({
  /** Settled spend plus open reservations, in tokens. */
  used: z.number().int().min(0),
  limit: z.number().int().min(0),
  left: z.number().int().min(0),
  /** When this period's count starts again (UTC midnight, or the first of next month). */
  resetAt: z.iso.datetime(),
});
export type UsagePeriod = z.infer<typeof UsagePeriodSchema>;

/** `GET /api/v1/usage`: this library's budget, for the app to show before it asks the librarian. */
export const UsageReportSchema = z.object({
  day: UsagePeriodSchema,
  month: UsagePeriodSchema.extend({
    /** USD the upstream reported this month (0 when it reports none, e.g. a local server). */
    costUsd: z.number().min(0),
    /** The operator's monthly cost cap per library, or null when there is none. */
    costLimitUsd: z.number().min(0).nullable(),
  }),
});
export type UsageReport = z.infer<typeof UsageReportSchema>;

/** Which limit refused a call: `details.scope` of a 429 `budget-exceeded`. */
export const BudgetScopeSchema = z.enum([
  'library-day',
  'library-month',
  'library-cost',
  'operator-day',
]);
export type BudgetScope = z.infer<typeof BudgetScopeSchema>;

/** `details` of a 429 `budget-exceeded`. */
export const BudgetRefusalSchema = z.object({
  scope: BudgetScopeSchema,
  limit: z.number().min(0),
  used: z.number().min(0),
  resetAt: z.iso.datetime(),
});
export type BudgetRefusal = z.infer<typeof BudgetRefusalSchema>;
