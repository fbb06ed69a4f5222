import type { z } from 'zod';
import { HttpError } from './http-error.ts';

/** Largest request body any route accepts (a memory is at most 20,000 characters). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Reads a JSON body within the size limit and validates it; every failure is an HttpError. */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.output<Schema>> {
  return validateBody(schema, await readJson(request));
}

/** The body as JSON, within the size limit, not yet validated (for routes with two shapes). */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readLimitedText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid-request', 'The request body is not valid JSON.');
  }
}

export function validateBody<Schema extends z.ZodType>(
  schema: Schema,
  json: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new HttpError(
      400,
      'invalid-request',
      'The request body does not match the API.',
      parsed.error.issues,
    );
  }
  return parsed.data;
}

async function readLimitedText(request: Request): Promise<string> {
  const tooLarge = () =>
    new HttpError(413, 'too-large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`);
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  // Count the bytes as they arrive: a missing or false Content-Length must not get past the limit.
  // A gzipped body (sync pushes) is counted after decompression, so no small bomb gets past it.
  const reader = decodedBody(request, request.body).getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function decodedBody(
  request: Request,
  body: ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return body;
  if (encoding === 'gzip') return body.pipeThrough(new DecompressionStream('gzip'));
  throw new HttpError(400, 'invalid-request', 'Request bodies may only be gzip-encoded.');
}
