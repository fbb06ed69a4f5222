import { DurableObject } from 'cloudflare:workers';
import { nextUtcMidnight, utcDayKey } from '#shared/budget';
import { randomHex } from '../crypto.ts';
import type { Env } from '../env.ts';
import { migrate } from '../storage/migrations.ts';
import {
  GATE_MIGRATIONS,
  gateUsedOn,
  insertGateReservation,
  settleGateReservation,
} from '../storage/gate-ledger.ts';

export type GateResult =
  { ok: true; reservationId: string } | { ok: false; used: number; limit: number; resetAt: string };

/**
 * The operator-wide daily cap (GLOBAL_DAILY_TOKEN_BUDGET): one object for the deployment, asked
 * after the library's own reservation. Same rule as the Library: check and write in one
 * synchronous step, so parallel calls from many libraries can never pass the cap together.
 */
export class Gate extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => migrate(ctx.storage, GATE_MIGRATIONS));
  }

  reserve(request: { tokens: number; limit: number; now: number }): GateResult {
    const now = new Date(request.now);
    const day = utcDayKey(now);
    const used = gateUsedOn(this.ctx.storage.sql, day);
    if (used + request.tokens > request.limit) {
      return { ok: false, used, limit: request.limit, resetAt: nextUtcMidnight(now).toISOString() };
    }
    const reservationId = randomHex(16);
    insertGateReservation(this.ctx.storage.sql, { id: reservationId, day, tokens: request.tokens });
    return { ok: true, reservationId };
  }

  settle(request: { reservationId: string; spentTokens: number | null }): void {
    settleGateReservation(this.ctx.storage.sql, request.reservationId, request.spentTokens);
  }

  usedToday(now: number): number {
    return gateUsedOn(this.ctx.storage.sql, utcDayKey(new Date(now)));
  }
}
