import { CompareResultSchema, type CompareRequest, type CompareResult } from '#shared/compare';
import {
  DeviceCredentialsSchema,
  DeviceListSchema,
  PairingCodeSchema,
  type DeviceCredentials,
  type DeviceList,
  type PairDeviceRequest,
  type PairingCode,
  type RegisterDeviceRequest,
} from '#shared/devices';
import { ErrorBodySchema } from '#shared/errors';
import { HealthSchema, type Health } from '#shared/health';
import {
  CatalogBatchResultSchema,
  CatalogResultSchema,
  type CatalogBatchRequest,
  type CatalogBatchResult,
  type CatalogRequest,
  type CatalogResult,
} from '#shared/librarian';
import { ModelListSchema, type ModelList } from '#shared/models';
import { UsageReportSchema, type UsageReport } from '#shared/usage';
import type { z } from 'zod';
import { readCatalogStream, type CatalogStreamHandlers } from './catalog-stream.ts';
import { failure, isAbort, success, type ApiError, type ApiResult } from './result.ts';

export interface ApiClientOptions {
  /** Origin the API is served from; '' means this page's origin (production: one Worker). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface ApiClient {
  getHealth(signal?: AbortSignal): Promise<ApiResult<Health>>;
  registerDevice(request: RegisterDeviceRequest): Promise<ApiResult<DeviceCredentials>>;
  /** One catalog request answered as JSON. */
  catalog(
    request: CatalogRequest,
    token: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<CatalogResult>>;
  /** The same, streamed: deltas go to `handlers` as they arrive; resolves with the whole result. */
  catalogStream(
    request: CatalogRequest,
    token: string,
    handlers: CatalogStreamHandlers,
    signal?: AbortSignal,
  ): Promise<ApiResult<CatalogResult>>;
  /** 2–8 queued memories in one request (one upstream call), answered as JSON, entry by entry. */
  catalogBatch(
    request: CatalogBatchRequest,
    token: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<CatalogBatchResult>>;
  /** This library's working devices (`GET /devices`). */
  listDevices(token: string, signal?: AbortSignal): Promise<ApiResult<DeviceList>>;
  /** A short-lived code that lets one more device join this library. */
  startPairing(token: string): Promise<ApiResult<PairingCode>>;
  /** Join the library that made `request.code`: answers this device's new credentials. */
  pairDevice(request: PairDeviceRequest): Promise<ApiResult<DeviceCredentials>>;
  /** Revoke a device of this library; its token stops working at once. */
  revokeDevice(deviceId: string, token: string): Promise<ApiResult<null>>;
  /** The library's budget ("ink"): used and left today and this month. */
  getUsage(token: string, signal?: AbortSignal): Promise<ApiResult<UsageReport>>;
  /** The models this deployment allows, the default first. */
  listModels(token: string, signal?: AbortSignal): Promise<ApiResult<ModelList>>;
  /** One memory to 2–4 models at once. */
  compare(
    request: CompareRequest,
    token: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<CompareResult>>;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function send(path: string, init: RequestInit): Promise<ApiResult<Response>> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/v1${path}`, init);
    } catch (error) {
      if (isAbort(error)) return failure({ code: 'aborted', message: 'request aborted' });
      return failure({ code: 'offline', message: describeNetworkError(error) });
    }
    if (!response.ok) return failure(await readError(response));
    return success(response);
  }

  async function parseJson<S extends z.ZodType>(
    response: Response,
    schema: S,
  ): Promise<ApiResult<z.output<S>>> {
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (isAbort(error)) return failure({ code: 'aborted', message: 'request aborted' });
      return failure({
        code: 'bad-response',
        message: 'the server sent something that is not JSON',
        status: response.status,
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      return failure({
        code: 'bad-response',
        message: 'the server sent a reply of the wrong shape',
        status: response.status,
        details: parsed.error.issues,
      });
    }
    return success(parsed.data);
  }

  const jsonHeaders = (token?: string): HeadersInit => ({
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });

  async function getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    token: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<z.output<S>>> {
    const sent = await send(path, {
      method: 'GET',
      headers: jsonHeaders(token),
      cache: 'no-store',
      signal,
    });
    return sent.ok ? parseJson(sent.data, schema) : sent;
  }

  async function postJson<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    token?: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<z.output<S>>> {
    const sent = await send(path, {
      method: 'POST',
      headers: jsonHeaders(token),
      body: JSON.stringify(body),
      signal,
    });
    return sent.ok ? parseJson(sent.data, schema) : sent;
  }

  return {
    async getHealth(signal) {
      const sent = await send('/health', { method: 'GET', cache: 'no-store', signal });
      return sent.ok ? parseJson(sent.data, HealthSchema) : sent;
    },

    registerDevice: (request) => postJson('/devices', request, DeviceCredentialsSchema),

    listDevices: (token, signal) => getJson('/devices', DeviceListSchema, token, signal),

    startPairing: (token) => postJson('/devices/pairing', {}, PairingCodeSchema, token),

    pairDevice: (request) => postJson('/devices/pair', request, DeviceCredentialsSchema),

    async revokeDevice(deviceId, token) {
      const sent = await send(`/devices/${encodeURIComponent(deviceId)}`, {
        method: 'DELETE',
        headers: jsonHeaders(token),
      });
      return sent.ok ? success(null) : sent;
    },

    getUsage: (token, signal) => getJson('/usage', UsageReportSchema, token, signal),

    listModels: (token, signal) => getJson('/models', ModelListSchema, token, signal),

    compare: (request, token, signal) =>
      postJson('/librarian/compare', request, CompareResultSchema, token, signal),

    async catalog(request, token, signal) {
      const sent = await send('/librarian/catalog', {
        method: 'POST',
        headers: jsonHeaders(token),
        body: JSON.stringify({ ...request, stream: false }),
        signal,
      });
      return sent.ok ? parseJson(sent.data, CatalogResultSchema) : sent;
    },

    catalogBatch: (request, token, signal) =>
      postJson(
        '/librarian/catalog',
        { ...request, stream: false },
        CatalogBatchResultSchema,
        token,
        signal,
      ),

    async catalogStream(request, token, handlers, signal) {
      const sent = await send('/librarian/catalog', {
        method: 'POST',
        headers: { ...jsonHeaders(token), accept: 'text/event-stream' },
        body: JSON.stringify({ ...request, stream: true }),
        signal,
      });
      if (!sent.ok) return sent;
      const response = sent.data;
      // A server (or a cached reply) may answer a streamed request with plain JSON.
      if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
        const parsed = await parseJson(response, CatalogResultSchema);
        if (parsed.ok) handlers.onReply?.(parsed.data.reply);
        return parsed;
      }
      return readCatalogStream(response, handlers);
    },
  };
}

/** Turn a non-2xx response into an ApiError, trusting only the documented error shape. */
export async function readError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, say): fall through to a status-based error.
  }
  const parsed = ErrorBodySchema.safeParse(body);
  const base = parsed.success
    ? { ...parsed.data.error }
    : { code: codeForStatus(response.status), message: `HTTP ${response.status}` };
  return {
    ...base,
    status: response.status,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

function codeForStatus(status: number): ApiError['code'] {
  if (status === 400) return 'invalid-request';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too-large';
  if (status === 429) return 'rate-limited';
  if (status === 502) return 'upstream-error';
  if (status === 503) return 'upstream-unavailable';
  return status >= 500 ? 'internal-error' : 'bad-response';
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function describeNetworkError(error: unknown): string {
  return error instanceof Error ? error.message : 'the network request failed';
}
