import { createParser } from 'eventsource-parser';
import { z } from 'zod';
import { normalizeUsage, RawUsageSchema } from './usage.ts';
import type { Usage } from '#shared/librarian';

/**
 * One normalized sequence of what the upstream said, the same for a stream and a plain JSON
 * reply, so both answer modes share one reader.
 */
export type UpstreamEvent =
  | { type: 'reasoning'; text: string }
  | { type: 'content'; text: string }
  | { type: 'finish'; reason: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'error'; code: string; message: string };

const MessagePartSchema = z.looseObject({
  content: z.string().nullish(),
  reasoning: z.string().nullish(),
  reasoning_details: z.array(z.looseObject({ text: z.string().nullish() })).nullish(),
});

const ChunkSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        delta: MessagePartSchema.nullish(),
        message: MessagePartSchema.nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: RawUsageSchema.nullish(),
  error: z
    .looseObject({
      code: z.union([z.string(), z.number()]).nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
});

/** Events of one SSE chunk or of a whole non-streamed completion. */
export function chunkEvents(json: unknown): UpstreamEvent[] {
  const parsed = ChunkSchema.safeParse(json);
  if (!parsed.success)
    return [{ type: 'error', code: 'malformed', message: 'The upstream sent a malformed reply.' }];
  const chunk = parsed.data;
  const events: UpstreamEvent[] = [];
  const choice = chunk.choices?.[0];
  const part = choice?.delta ?? choice?.message;
  if (part) {
    // `reasoning_details` repeats `reasoning` when both are present; use it only as a fallback.
    const reasoning =
      part.reasoning || (part.reasoning_details?.map((detail) => detail.text ?? '').join('') ?? '');
    if (reasoning) events.push({ type: 'reasoning', text: reasoning });
    if (part.content) events.push({ type: 'content', text: part.content });
  }
  if (choice?.finish_reason && choice.finish_reason !== 'error')
    events.push({ type: 'finish', reason: choice.finish_reason });
  // Usage before any error of the same chunk, so a failed call still settles at its real cost.
  if (chunk.usage) events.push({ type: 'usage', usage: normalizeUsage(chunk.usage) });
  if (chunk.error) {
    events.push({
      type: 'error',
      code: String(chunk.error.code ?? 'upstream-error'),
      message: chunk.error.message ?? 'The upstream failed.',
    });
  } else if (choice?.finish_reason === 'error') {
    events.push({
      type: 'error',
      code: 'finish-error',
      message: 'The upstream ended the reply with an error.',
    });
  }
  return events;
}

/** Reads an upstream response, SSE or JSON by its content type (servers may ignore `stream`). */
export async function* readUpstreamEvents(response: Response): AsyncGenerator<UpstreamEvent> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('text/event-stream') && response.body) {
    yield* readSseEvents(response.body);
    return;
  }
  const text = await response.text();
  yield* chunkEvents(parseJson(text));
}

/**
 * SSE frames → events. Bytes are decoded with a streaming decoder, so a character split between
 * reads survives; eventsource-parser handles comments, CRLF and events split at any byte.
 */
export async function* readSseEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<UpstreamEvent> {
  const pending: UpstreamEvent[] = [];
  let isDone = false;
  const parser = createParser({
    onEvent(message) {
      if (isDone) return;
      if (message.data.trim() === '[DONE]') isDone = true;
      else pending.push(...chunkEvents(parseJson(message.data)));
    },
  });
  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  try {
    while (!isDone) {
      const { done, value } = await reader.read();
      parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));
      yield* pending.splice(0);
      if (done) break;
    }
  } finally {
    // Stop reading after [DONE] or when our consumer gives up (client gone, error found).
    await reader.cancel().catch(() => undefined);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
