import {
  createExecutionContext,
  runInDurableObject,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { createParser } from 'eventsource-parser';
import { expect, vi } from 'vitest';
import type { DeviceCredentials } from '#shared/devices';
import type { CatalogRequest } from '#shared/librarian';
import { app } from '../../worker/app.ts';
import type { Env } from '../../worker/env.ts';

export const ORIGIN = 'http://library.test';

/** Through the deployed entry point, with the test bindings from vitest.config.ts. */
export function callWorker(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

/**
 * Through the Hono app with changed bindings (no key, a small budget…). `finished()` waits for
 * everything the request left running (budget settlement, the SSE pump).
 */
export async function callApp(path: string, init: RequestInit, overrides: Partial<Env> = {}) {
  const ctx = createExecutionContext();
  const response = await app.fetch(
    new Request(`${ORIGIN}${path}`, init),
    { ...env, ...overrides },
    ctx,
  );
  return { response, finished: () => waitOnExecutionContext(ctx) };
}

export function jsonPost(body: unknown, token?: string): RequestInit {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

export async function registerDevice(deviceName = 'test phone'): Promise<DeviceCredentials> {
  const response = await callWorker('/api/v1/devices', jsonPost({ deviceName }));
  expect(response.status).toBe(201);
  return response.json();
}

/** A marker the fake ignores but records, so a test can count its own upstream calls. */
export function uniqueMarker(): string {
  return `[[test:${crypto.randomUUID()}]]`;
}

export function catalogRequest(text: string, extra: Partial<CatalogRequest> = {}): CatalogRequest {
  return {
    entry: {
      id: `m-${crypto.randomUUID().slice(0, 8)}`,
      text,
      writtenAt: '2026-11-29T09:30:00+08:00',
    },
    ...extra,
  };
}

export function postCatalog(token: string, request: CatalogRequest): Promise<Response> {
  return callWorker('/api/v1/librarian/catalog', jsonPost(request, token));
}

export interface SseEvent {
  event: string;
  data: unknown;
}

export async function readSse(response: Response): Promise<SseEvent[]> {
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: SseEvent[] = [];
  const parser = createParser({
    onEvent: (message) =>
      events.push({ event: message.event ?? 'message', data: JSON.parse(message.data) }),
  });
  parser.feed(await response.text());
  return events;
}

export function eventsNamed<T = unknown>(events: SseEvent[], name: string): T[] {
  return events.filter((event) => event.event === name).map((event) => event.data as T);
}

/** The request body the Worker sent upstream, as the fake recorded it. */
export interface UpstreamBody {
  model: string;
  messages: { role: string; content: string }[];
  session_id: string;
  [field: string]: unknown;
}

export async function upstreamRequests(
  contains: string,
): Promise<{ count: number; requests: { body: UpstreamBody; hasAuthorization: boolean }[] }> {
  const base = env.LLM_BASE_URL.replace(/\/api\/v1$/, '');
  const response = await fetch(`${base}/__fake/requests?contains=${encodeURIComponent(contains)}`);
  return response.json();
}

export interface LedgerRow {
  id: string;
  day: string;
  reserved_tokens: number;
  spent_tokens: number | null;
  status: 'reserved' | 'settled';
  model: string | null;
  cost_usd: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  cached_tokens: number | null;
}

export function libraryStub(libraryId: string) {
  return env.LIBRARY.get(env.LIBRARY.idFromName(libraryId));
}

export function ledgerRows(libraryId: string): Promise<LedgerRow[]> {
  return runInDurableObject(libraryStub(libraryId), (_instance, state) =>
    state.storage.sql
      .exec<Record<string, SqlStorageValue>>('SELECT * FROM budget_ledger ORDER BY created_at')
      .toArray(),
  ) as Promise<unknown> as Promise<LedgerRow[]>;
}

/** Settlement runs after the response (waitUntil): wait until every reservation is settled. */
export async function settledLedger(libraryId: string, expectedRows = 1): Promise<LedgerRow[]> {
  return vi.waitFor(
    async () => {
      const rows = await ledgerRows(libraryId);
      expect(rows).toHaveLength(expectedRows);
      expect(rows.every((row) => row.status === 'settled')).toBe(true);
      return rows;
    },
    { timeout: 5000, interval: 25 },
  );
}

/** The one upstream request that carried `marker`. */
export async function sentUpstream(marker: string) {
  const [first] = (await upstreamRequests(marker)).requests;
  if (!first) throw new Error('no upstream request carried this marker');
  return first;
}
