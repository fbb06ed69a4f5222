import type { Config } from '../env.ts';
import { HttpError } from '../http-error.ts';
import { modelProfile } from './models.ts';
import { LIBRARIAN_JSON_SCHEMA } from './output-schema.ts';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface UpstreamCall {
  config: Config;
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  stream: boolean;
  /** Opaque per-library id: keeps one library on one provider, so its prompt cache stays warm. */
  sessionId: string;
  signal: AbortSignal;
  /** The JSON schema the answer must follow (default: one catalog answer). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
}

export type UpstreamOpening =
  | { ok: true; response: Response }
  /** `wasAnswered`: the upstream refused with a status, so nothing was generated or billed. */
  | { ok: false; error: HttpError; wasAnswered: boolean };

export function buildUpstreamBody(call: UpstreamCall): Record<string, unknown> {
  const profile = modelProfile(call.model);
  // OpenRouter: only where the model honours it (see models.ts). A local server (LM Studio,
  // Ollama) takes json_schema for any model, and knows nothing of OpenRouter's routing fields.
  const isStructured = call.config.isOpenRouter ? profile.supportsStructuredOutput : true;
  const jsonSchema = call.jsonSchema ?? { name: 'librarian_reply', schema: LIBRARIAN_JSON_SCHEMA };
  const body: Record<string, unknown> = {
    model: call.model,
    messages: call.messages.map((message) => withCacheBreakpoint(call, message)),
    max_tokens: call.maxTokens,
    stream: call.stream,
    session_id: call.sessionId,
  };
  if (isStructured) {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: jsonSchema.name, strict: true, schema: jsonSchema.schema },
    };
  }
  if (call.config.isOpenRouter) {
    body.usage = { include: true };
    // Without it some providers silently ignore response_format.
    if (isStructured) body.provider = { require_parameters: true };
  } else if (call.stream) {
    body.stream_options = { include_usage: true };
  }
  return body;
}

/** Anthropic caches only up to an explicit breakpoint: put one after the static system prompt. */
function withCacheBreakpoint(call: UpstreamCall, message: ChatMessage): unknown {
  if (
    message.role !== 'system' ||
    !call.config.isOpenRouter ||
    !modelProfile(call.model).needsCacheControl
  )
    return message;
  return {
    role: 'system',
    content: [{ type: 'text', text: message.content, cache_control: { type: 'ephemeral' } }],
  };
}

/** Sends the call and returns the response once its status says the answer is coming. */
export async function openUpstream(call: UpstreamCall): Promise<UpstreamOpening> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (call.config.apiKey) headers.authorization = `Bearer ${call.config.apiKey}`;
  if (call.config.isOpenRouter) headers['x-title'] = 'Memory Library';
  let response: Response;
  try {
    response = await fetch(`${call.config.llmBaseUrl}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(buildUpstreamBody(call)),
      signal: call.signal,
    });
  } catch (error) {
    if (call.signal.aborted) throw error;
    const unreachable = new HttpError(
      503,
      'upstream-unavailable',
      'The AI librarian could not be reached. Please try again later.',
    );
    return { ok: false, error: unreachable, wasAnswered: false };
  }
  if (response.ok) return { ok: true, response };
  return { ok: false, error: await upstreamRefusal(response), wasAnswered: true };
}

/** Maps an upstream error status (plain JSON, before any stream) to our error shape. */
export async function upstreamRefusal(response: Response): Promise<HttpError> {
  const status = response.status;
  const body = await response.json().catch(() => null);
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), body);
  const details = { upstreamStatus: status, ...(retryAfter === null ? {} : { retryAfter }) };
  const headers = retryAfter === null ? undefined : { 'retry-after': String(retryAfter) };
  if (status === 401 || status === 403) {
    return new HttpError(
      503,
      'upstream-unavailable',
      'The AI librarian is unavailable: the upstream refused the server’s key. The operator needs to check it.',
      details,
    );
  }
  if (status === 402) {
    return new HttpError(
      503,
      'upstream-unavailable',
      'The AI librarian is unavailable: the operator’s credit is exhausted.',
      details,
    );
  }
  if ([429, 502, 503, 529].includes(status)) {
    return new HttpError(
      503,
      'upstream-unavailable',
      'The AI librarian is busy right now. Please try again in a moment.',
      details,
      headers,
    );
  }
  if (status === 408 || status === 524) {
    return new HttpError(
      502,
      'upstream-error',
      'The AI librarian took too long to answer. Please try again.',
      details,
      headers,
    );
  }
  return new HttpError(
    502,
    'upstream-error',
    'The AI librarian could not answer this request.',
    details,
  );
}

/** Seconds from the Retry-After header, else from OpenRouter's `error.availability.retry_after`. */
function retryAfterSeconds(header: string | null, body: unknown): number | null {
  const fromHeader = header === null ? NaN : Number(header.trim());
  if (Number.isFinite(fromHeader) && fromHeader >= 0) return Math.ceil(fromHeader);
  const fromBody = (body as { error?: { availability?: { retry_after?: unknown } } } | null)?.error
    ?.availability?.retry_after;
  return typeof fromBody === 'number' && fromBody >= 0 ? Math.ceil(fromBody) : null;
}
