import {
  KeyHandoffSchema,
  LibraryKeyBlobSchema,
  PostKeyHandoffResponseSchema,
  PutLibraryKeyResponseSchema,
  type KeyHandoff,
  type LibraryKeyBlob,
  type PostKeyHandoffRequest,
  type PostKeyHandoffResponse,
  type PutLibraryKeyRequest,
  type PutLibraryKeyResponse,
} from '#shared/sync/key-wire';
import type { z } from 'zod';
import { readError, type ApiClientOptions } from './transport.ts';
import { failure, isAbort, success, type ApiResult } from './result.ts';

/**
 * The library key's routes (SYNC-18a, SYNC-19a), apart from the main client so that only the
 * screens that set up, unlock or hand over the key load them.
 */
export interface KeysApi {
  /** The passphrase-wrapped key and its version; `not-found` before any device set it up. */
  getWrappedKey(token: string): Promise<ApiResult<LibraryKeyBlob>>;
  /** A conditional write; `conflict` when another device wrote first. */
  putWrappedKey(
    request: PutLibraryKeyRequest,
    token: string,
  ): Promise<ApiResult<PutLibraryKeyResponse>>;
  postHandoff(
    request: PostKeyHandoffRequest,
    token: string,
  ): Promise<ApiResult<PostKeyHandoffResponse>>;
  /** The envelope waiting for `requestId`, taken (it can be read once); `not-found` until then. */
  takeHandoff(requestId: string, token: string): Promise<ApiResult<KeyHandoff>>;
}

export function createKeysApi(options: ApiClientOptions = {}): KeysApi {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    token: string,
    body?: unknown,
  ): Promise<ApiResult<z.output<S>>> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/v1/sync${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        cache: 'no-store',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      if (isAbort(error)) return failure({ code: 'aborted', message: 'request aborted' });
      return failure({ code: 'offline', message: 'the network request failed' });
    }
    if (!response.ok) return failure(await readError(response));
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      return failure({
        code: 'bad-response',
        message: 'the server sent a reply of the wrong shape',
        status: response.status,
      });
    }
    return success(parsed.data);
  }

  return {
    getWrappedKey: (token) => call('GET', '/key', LibraryKeyBlobSchema, token),
    putWrappedKey: (request, token) =>
      call('PUT', '/key', PutLibraryKeyResponseSchema, token, request),
    postHandoff: (request, token) =>
      call('POST', '/key-handoff', PostKeyHandoffResponseSchema, token, request),
    takeHandoff: (requestId, token) =>
      call('GET', `/key-handoff/${encodeURIComponent(requestId)}`, KeyHandoffSchema, token),
  };
}
