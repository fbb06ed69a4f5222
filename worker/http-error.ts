import type { ErrorBody, ErrorCode } from '#shared/errors';

/**
 * The one error type of the Worker: throw it anywhere, and `errorToResponse` (the app's only
 * onError) turns it into the wire shape of DESIGN.md §5.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Retry-After` for budget and capacity refusals. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function errorToResponse(error: unknown): Response {
  if (error instanceof HttpError) {
    return Response.json(errorBody(error.code, error.message, error.details), {
      status: error.status,
      headers: error.headers,
    });
  }
  // Only the error's kind is logged: messages of unexpected errors may quote a memory or a token.
  console.error('unexpected error', error instanceof Error ? error.name : typeof error);
  return Response.json(errorBody('internal-error', 'Something went wrong on the server.'), {
    status: 500,
  });
}
