import { DurableObject } from 'cloudflare:workers';
import {
  checkBudget,
  nextUtcMidnight,
  nextUtcMonthStart,
  utcDayKey,
  utcMonthKey,
  type BudgetCheck,
  type BudgetLimits,
} from '#shared/budget';
import type { Usage } from '#shared/librarian';
import type { UsageReport } from '#shared/usage';
import { randomHex } from '../crypto.ts';
import type { Env } from '../env.ts';
import {
  dayRange,
  insertReservation,
  monthRange,
  settleReservation,
  spentIn,
} from '../storage/budget-ledger.ts';
import {
  findActiveDevice,
  insertDevice,
  listActiveDevices,
  revokeDevice,
  touchDevice,
  type DeviceRow,
} from '../storage/devices.ts';
import {
  findWrappedKey,
  insertHandoff,
  replaceWrappedKey,
  takeHandoff,
} from '../storage/library-key.ts';
import { hasSchema, migrate } from '../storage/migrations.ts';
import { findCachedResult, storeCachedResult } from '../storage/reply-cache.ts';
import { sqlSyncStore } from '../storage/sync-store.ts';
import { digestRevIds } from '#shared/sync/digest';
import { applyPush, pullPage, type PushResult } from '#shared/sync/server-log';
import type { DigestResponse, PullResponse, PushMutation } from '#shared/sync/wire';

export type ReserveResult =
  { ok: true; reservationId: string } | Exclude<BudgetCheck, { ok: true }>;

export interface NewDeviceRequest {
  id: string;
  name: string;
  tokenHash: string;
  now: number;
}

/**
 * One library: its devices, its budget ledger and its reply cache, in the object's own SQLite
 * database. Thin on purpose: the SQL lives in storage/, the rules in shared/.
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

  /** The first device of a new library: creates its database. */
  registerDevice(device: NewDeviceRequest): void {
    migrate(this.ctx.storage);
    this.#insert(device);
  }

  /** A device paired into this library; false when the library does not exist (never creates it). */
  addPairedDevice(device: NewDeviceRequest): boolean {
    if (!hasSchema(this.ctx.storage.sql)) return false;
    this.#insert(device);
    return true;
  }

  /** The device a token's secret hash belongs to, or null (unknown, revoked, or no such library). */
  authenticate(tokenHash: string, now: number): { deviceId: string } | null {
    if (!hasSchema(this.ctx.storage.sql)) return null;
    const device = findActiveDevice(this.ctx.storage.sql, tokenHash);
    if (!device) return null;
    touchDevice(this.ctx.storage.sql, device.id, new Date(now));
    return { deviceId: device.id };
  }

  listDevices(): DeviceRow[] {
    return listActiveDevices(this.ctx.storage.sql);
  }

  revokeDevice(deviceId: string, now: number): boolean {
    return revokeDevice(this.ctx.storage.sql, deviceId, new Date(now));
  }

  /**
   * Reserves tokens (and estimated USD) against the day, month and cost limits. Synchronous from
   * check to insert, so no other request runs in between: concurrent calls never overspend.
   */
  reserveBudget(request: {
    tokens: number;
    costUsd: number;
    limits: BudgetLimits;
    now: number;
    model?: string;
  }): ReserveResult {
    const now = new Date(request.now);
    const day = utcDayKey(now);
    const check = checkBudget(this.#spend(now), request, request.limits, now);
    if (!check.ok) return check;
    const reservationId = randomHex(16);
    insertReservation(this.ctx.storage.sql, {
      id: reservationId,
      day,
      tokens: request.tokens,
      costUsd: request.costUsd,
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

  usageReport(limits: BudgetLimits, nowMs: number): UsageReport {
    const now = new Date(nowMs);
    const spend = this.#spend(now);
    const period = (used: number, limit: number, resetAt: Date) => ({
      used,
      limit,
      left: Math.max(0, limit - used),
      resetAt: resetAt.toISOString(),
    });
    return {
      day: period(spend.dayTokens, limits.day, nextUtcMidnight(now)),
      month: {
        ...period(spend.monthTokens, limits.month, nextUtcMonthStart(now)),
        costUsd: spend.monthCostUsd,
        costLimitUsd: limits.monthCostUsd,
      },
    };
  }

  /** A cached CatalogResult as JSON text, or null. */
  cachedResult(key: string, now: number): string | null {
    return findCachedResult(this.ctx.storage.sql, key, new Date(now));
  }

  cacheResult(key: string, result: string, now: number): void {
    storeCachedResult(this.ctx.storage.sql, key, result, new Date(now));
  }

  /**
   * One push batch in one SQL transaction (SYNC-5). Synchronous, so the RPC answer leaves only
   * after the commit; `deviceId` is the authenticated device's, checked by the route (SYNC-7).
   */
  pushMutations(deviceId: string, mutations: PushMutation[]): PushResult {
    return applyPush(sqlSyncStore(this.ctx.storage), deviceId, mutations);
  }

  pullRevisions(deviceId: string, cursor: number, limit: number): Omit<PullResponse, 'serverTime'> {
    return pullPage(sqlSyncStore(this.ctx.storage), deviceId, cursor, limit);
  }

  /** Digest of the revIds up to `cursor` (default: all), for the after-sync check (SYNC-15). */
  async syncDigest(cursor?: number): Promise<DigestResponse> {
    const store = sqlSyncStore(this.ctx.storage);
    // Read synchronously before the first await, so the ids and the cursor belong together.
    const upTo = Math.min(cursor ?? Number.MAX_SAFE_INTEGER, store.lastSeq());
    const revIds = store.revIdsUpTo(upTo);
    return { cursor: upTo, count: revIds.length, digest: await digestRevIds(revIds) };
  }

  /** The passphrase-wrapped library key as stored (JSON text), or null (SYNC-18a). */
  wrappedKey(): { wrappedKey: string; version: number } | null {
    return findWrappedKey(this.ctx.storage.sql);
  }

  /**
   * A conditional write: the new version, or null when `expectedVersion` is not the stored one.
   * Synchronous from check to write, so two devices setting up at once cannot both win.
   */
  putWrappedKey(request: { wrappedKey: string; expectedVersion: number; now: number }) {
    return replaceWrappedKey(
      this.ctx.storage.sql,
      request.wrappedKey,
      request.expectedVersion,
      new Date(request.now),
    );
  }

  /** Keeps a pairing envelope for the new device (SYNC-19a); false if one is already waiting. */
  offerKeyHandoff(request: {
    requestId: string;
    envelope: string;
    expiresAt: number;
    now: number;
  }) {
    return insertHandoff(
      this.ctx.storage.sql,
      { ...request, expiresAt: new Date(request.expiresAt) },
      new Date(request.now),
    );
  }

  /** The waiting envelope, deleted as it is read; null if none, already read or expired. */
  takeKeyHandoff(requestId: string, now: number): string | null {
    return takeHandoff(this.ctx.storage.sql, requestId, new Date(now));
  }

  #insert(device: NewDeviceRequest): void {
    insertDevice(this.ctx.storage.sql, {
      id: device.id,
      name: device.name,
      tokenHash: device.tokenHash,
      createdAt: new Date(device.now).toISOString(),
    });
  }

  #spend(now: Date) {
    const today = spentIn(this.ctx.storage.sql, dayRange(utcDayKey(now)));
    const month = spentIn(this.ctx.storage.sql, monthRange(utcMonthKey(now)));
    return { dayTokens: today.tokens, monthTokens: month.tokens, monthCostUsd: month.costUsd };
  }
}
