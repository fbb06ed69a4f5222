import { ErrorBodySchema } from '#shared/errors';
import type { z } from 'zod';
import { failure, isAbort, success, type ApiError, type ApiResult } from './result.ts';

export interface ApiClientOptions {
  /** Origin the API is served from; '' means this page's origin (production: one Worker). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** Requests to `/api/v1`, their failures as data and their JSON checked against a schema. */
export interface Transport {
  send(path: string, init: RequestInit): Promise<ApiResult<Response>>;
  parseJson<S extends z.ZodType>(response: Response, schema: S): Promise<ApiResult<z.output<S>>>;
  getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    token: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<z.output<S>>>;
  postJson<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    token?: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<z.output<S>>>;
  jsonHeaders(token?: string): Record<string, string>;
}

export function createTransport(options: ApiClientOptions = {}): Transport {
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

  const jsonHeaders = (token?: string): Record<string, string> => ({
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });

  return {
    send,
    parseJson,
    jsonHeaders,
    async getJson(path, schema, token, signal) {
      const sent = await send(path, {
        method: 'GET',
        headers: jsonHeaders(token),
        cache: 'no-store',
        signal,
      });
      return sent.ok ? parseJson(sent.data, schema) : sent;
    },
    async postJson(path, body, schema, token, signal) {
      const sent = await send(path, {
        method: 'POST',
        headers: jsonHeaders(token),
        body: JSON.stringify(body),
        signal,
      });
      return sent.ok ? parseJson(sent.data, schema) : sent;
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
