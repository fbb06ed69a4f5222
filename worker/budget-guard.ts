import { secondsUntil } from '#shared/budget';
import type { Usage } from '#shared/librarian';
import type { AuthenticatedDevice } from './app-env.ts';
import { HttpError } from './http-error.ts';

/** Settles a reservation once; later calls are ignored, so every exit path may call it. */
export type Settle = (usage: Usage | null) => void;

/**
 * Reserves `tokens` of today's budget before any upstream call, or refuses with 429. The returned
 * `settle` records the real usage in the background (waitUntil), so an aborted stream still settles.
 */
export async function reserveTokens(
  device: AuthenticatedDevice,
  request: { tokens: number; dailyBudget: number; model: string },
  ctx: ExecutionContext,
): Promise<Settle> {
  const now = Date.now();
  const result = await device.library.reserveBudget({ ...request, now });
  if (!result.ok) {
    const retryAfter = secondsUntil(new Date(result.resetAt), new Date(now));
    throw new HttpError(
      429,
      'budget-exceeded',
      'Today’s librarian budget for this library is used up. It resets at midnight UTC.',
      { limit: result.limit, used: result.used, resetAt: result.resetAt },
      { 'retry-after': String(retryAfter) },
    );
  }
  let isSettled = false;
  return (usage) => {
    if (isSettled) return;
    isSettled = true;
    const settling = device.library
      .settleBudget({ reservationId: result.reservationId, usage, now: Date.now() })
      .catch(() => console.error('budget settlement failed'));
    ctx.waitUntil(settling);
  };
}
