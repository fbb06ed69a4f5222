import { DurableObject } from 'cloudflare:workers';
import { nextUtcMidnight, utcDayKey } from '#shared/budget';
import type { Usage } from '#shared/librarian';
import { randomHex } from '../crypto.ts';
import type { Env } from '../env.ts';
import { insertReservation, settleReservation, tokensUsedOn } from '../storage/budget-ledger.ts';
import { findActiveDevice, insertDevice, touchDevice } from '../storage/devices.ts';
import { hasSchema, migrate } from '../storage/migrations.ts';

export type ReserveResult =
  { ok: true; reservationId: string } | { ok: false; used: number; limit: number; resetAt: string };

/**
 * One library: its devices and its budget ledger, in the object's own SQLite database.
 * Thin on purpose: the SQL lives in storage/, the rules in shared/.
 */
export class Library extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // An object that was never registered stays without storage: a made-up library id in a
    // token must not create a database. Registered libraries are brought up to date here.
    void ctx.blockConcurrencyWhile(async () => {
      if (hasSchema(ctx.storage.sql)) migrate(ctx.storage);
    });
  }

  registerDevice(device: { id: string; name: string; tokenHash: string; now: number }): void {
    migrate(this.ctx.storage);
    insertDevice(this.ctx.storage.sql, {
      id: device.id,
      name: device.name,
      tokenHash: device.tokenHash,
      createdAt: new Date(device.now).toISOString(),
    });
  }

  /** The device a token's secret hash belongs to, or null (unknown, revoked, or no such library). */
  authenticate(tokenHash: string, now: number): { deviceId: string } | null {
    if (!hasSchema(this.ctx.storage.sql)) return null;
    const device = findActiveDevice(this.ctx.storage.sql, tokenHash);
    if (!device) return null;
    touchDevice(this.ctx.storage.sql, device.id, new Date(now));
    return { deviceId: device.id };
  }

  /**
   * Reserves tokens against today's budget. Synchronous from check to insert, so no other request
   * can run in between: concurrent calls can never overspend.
   */
  reserveBudget(request: {
    tokens: number;
    dailyBudget: number;
    now: number;
    model?: string;
  }): ReserveResult {
    const now = new Date(request.now);
    const day = utcDayKey(now);
    const used = tokensUsedOn(this.ctx.storage.sql, day);
    if (used + request.tokens > request.dailyBudget) {
      return {
        ok: false,
        used,
        limit: request.dailyBudget,
        resetAt: nextUtcMidnight(now).toISOString(),
      };
    }
    const reservationId = randomHex(16);
    insertReservation(this.ctx.storage.sql, {
      id: reservationId,
      day,
      tokens: request.tokens,
      model: request.model ?? null,
      createdAt: now.toISOString(),
    });
    return { ok: true, reservationId };
  }

  settleBudget(request: { reservationId: string; usage: Usage | null; now: number }): void {
    settleReservation(
      this.ctx.storage.sql,
      request.reservationId,
      request.usage,
      new Date(request.now).toISOString(),
    );
  }
}
