import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireDevice } from '../auth.ts';
import { budgetLimits } from '../budget-guard.ts';
import { readConfig } from '../env.ts';

export const usage = new Hono<AppEnv>();

/** This library's budget: used (open reservations included), left, and when each period resets. */
usage.get('/', requireDevice, async (c) => {
  const report = await c
    .get('device')
    .library.usageReport(budgetLimits(readConfig(c.env)), Date.now());
  return c.json(report);
});
