import type { ErrorCode } from '#shared/errors';

/**
 * What can go wrong talking to the server, as data. The server's own codes (DESIGN.md §5) plus
 * three the client finds itself: the network is unreachable, the reply made no sense, the caller
 * gave up.
 */
export type ApiErrorCode = ErrorCode | 'offline' | 'bad-response' | 'aborted';

export interface ApiError {
  code: ApiErrorCode;
  /** For logs and fallbacks; the person sees words chosen by code (app/lib/i18n). */
  message: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** From `Retry-After`, when the server sent one. */
  retryAfterSeconds?: number;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export function success<T>(data: T): ApiResult<T> {
  return { ok: true, data };
}

export function failure<T = never>(error: ApiError): ApiResult<T> {
  return { ok: false, error };
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
