import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';
import { migrate } from '../storage/migrations.ts';
import {
  PAIRING_MIGRATIONS,
  countFailuresSince,
  insertPairingCode,
  recordFailure,
  takePairingCode,
} from '../storage/pairing-codes.ts';

/** Wrong codes one shard accepts per window before it refuses every attempt for a while. */
export const MAX_FAILURES_PER_WINDOW = 20;
export const FAILURE_WINDOW_MS = 10 * 60 * 1000;

export type RedeemResult =
  { ok: true; libraryId: string } | { ok: false; reason: 'unknown' | 'throttled' };

/**
 * Pairing codes → library, so a new device can join a library it cannot name. Sharded by the
 * code's hash (worker/pairing-code.ts), so no single object sees every pairing, and each shard
 * limits guessing on its own slice of the code space.
 */
export class Pairing extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => migrate(ctx.storage, PAIRING_MIGRATIONS));
  }

  offer(code: { codeHash: string; libraryId: string; expiresAt: number; now: number }): void {
    insertPairingCode(
      this.ctx.storage.sql,
      {
        codeHash: code.codeHash,
        libraryId: code.libraryId,
        expiresAt: new Date(code.expiresAt).toISOString(),
      },
      new Date(code.now).toISOString(),
    );
  }

  redeem(request: { codeHash: string; now: number }): RedeemResult {
    const now = new Date(request.now).toISOString();
    const since = new Date(request.now - FAILURE_WINDOW_MS).toISOString();
    if (countFailuresSince(this.ctx.storage.sql, since) >= MAX_FAILURES_PER_WINDOW)
      return { ok: false, reason: 'throttled' };
    const libraryId = takePairingCode(this.ctx.storage.sql, request.codeHash, now);
    if (libraryId) return { ok: true, libraryId };
    recordFailure(this.ctx.storage.sql, now);
    return { ok: false, reason: 'unknown' };
  }
}
