import { ErrorBodySchema } from '#shared/errors';
import {
  DigestResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  type DigestResponse,
  type PullResponse,
  type PushMutation,
  type PushResponse,
} from '#shared/sync/wire';
import type { z } from 'zod';
import { failure, success, type ApiResult } from '../api/result.ts';

/**
 * The three sync routes (worker/routes/sync.ts, SYNC-5, SYNC-8, SYNC-15) as typed calls. Push
 * bodies are gzip-compressed (SYNC-9a): base64 ciphertext and repeated field names halve.
 */
export interface SyncTransport {
  push(mutations: readonly PushMutation[]): Promise<ApiResult<PushResponse>>;
  pull(cursor: number, limit: number): Promise<ApiResult<PullResponse>>;
  digest(cursor: number): Promise<ApiResult<DigestResponse>>;
}

export interface TransportOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export function createSyncTransport(options: TransportOptions): SyncTransport {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const authorization = `Bearer ${options.token}`;

  async function call<S extends z.ZodType>(
    path: string,
    init: RequestInit,
    schema: S,
  ): Promise<ApiResult<z.output<S>>> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/v1/sync${path}`, { cache: 'no-store', ...init });
    } catch {
      return failure({ code: 'offline', message: 'the server could not be reached' });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return failure({ code: 'bad-response', message: 'not JSON', status: response.status });
    }
    if (!response.ok) {
      const parsed = ErrorBodySchema.safeParse(body);
      return failure({
        code: parsed.success ? parsed.data.error.code : 'internal-error',
        message: parsed.success ? parsed.data.error.message : `HTTP ${response.status}`,
        status: response.status,
      });
    }
    const parsed = schema.safeParse(body);
    return parsed.success
      ? success(parsed.data)
      : failure({ code: 'bad-response', message: 'wrong shape', status: response.status });
  }

  return {
    async push(mutations) {
      const body = await gzip(JSON.stringify({ mutations }));
      return call(
        '/push',
        {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          },
          body,
        },
        PushResponseSchema,
      );
    },
    pull: (cursor, limit) =>
      call(
        `/pull?cursor=${cursor}&limit=${limit}`,
        { headers: { authorization } },
        PullResponseSchema,
      ),
    digest: (cursor) =>
      call(`/digest?cursor=${cursor}`, { headers: { authorization } }, DigestResponseSchema),
  };
}

async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}
