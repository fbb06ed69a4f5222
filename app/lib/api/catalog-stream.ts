import { ErrorCodeSchema } from '#shared/errors';
import {
  CatalogResultSchema,
  LibrarianCatalogSchema,
  UsageSchema,
  type CatalogResult,
  type LibrarianCatalog,
  type Usage,
} from '#shared/librarian';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { z } from 'zod';
import { failure, isAbort, success, type ApiResult } from './result.ts';

export interface CatalogStreamHandlers {
  /** A piece of the librarian's reply, in order. */
  onReply?: (delta: string) => void;
  /** A piece of the model's reasoning, when it shows any. */
  onReasoning?: (delta: string) => void;
  /** The validated catalog card, before `done`. */
  onCatalog?: (card: LibrarianCatalog) => void;
  onUsage?: (usage: Usage) => void;
}

const TextEventSchema = z.object({ text: z.string() });
const ErrorEventSchema = z.object({ code: z.string(), message: z.string() });

/**
 * Read a streamed catalog reply (SSE events `reasoning`, `reply`, `catalog`, `usage`, `error`,
 * `done`; DESIGN.md §5). Resolves with the `done` result, or an error if the stream reported one
 * or ended without `done`. Unknown events are ignored so the server can add some.
 */
export async function readCatalogStream(
  response: Response,
  handlers: CatalogStreamHandlers,
): Promise<ApiResult<CatalogResult>> {
  if (!response.body) return failure({ code: 'bad-response', message: 'the reply had no body' });
  const events = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  const reader = events.getReader();
  try {
    for (;;) {
      const { done, value: message } = await reader.read();
      if (done) break;
      const data = parseData(message.data);
      switch (message.event) {
        case 'reply': {
          const parsed = TextEventSchema.safeParse(data);
          if (parsed.success) handlers.onReply?.(parsed.data.text);
          break;
        }
        case 'reasoning': {
          const parsed = TextEventSchema.safeParse(data);
          if (parsed.success) handlers.onReasoning?.(parsed.data.text);
          break;
        }
        case 'catalog': {
          const parsed = LibrarianCatalogSchema.safeParse(data);
          if (parsed.success) handlers.onCatalog?.(parsed.data);
          break;
        }
        case 'usage': {
          const parsed = UsageSchema.safeParse(data);
          if (parsed.success) handlers.onUsage?.(parsed.data);
          break;
        }
        case 'error': {
          const parsed = ErrorEventSchema.safeParse(data);
          const code = ErrorCodeSchema.safeParse(parsed.data?.code);
          return failure({
            code: code.success ? code.data : 'upstream-error',
            message: parsed.data?.message ?? 'the librarian stopped with an error',
            status: response.status,
          });
        }
        case 'done': {
          const parsed = CatalogResultSchema.safeParse(data);
          if (!parsed.success) {
            return failure({
              code: 'bad-response',
              message: 'the final reply had the wrong shape',
              details: parsed.error.issues,
            });
          }
          return success(parsed.data);
        }
        default:
          break;
      }
    }
  } catch (error) {
    if (isAbort(error)) return failure({ code: 'aborted', message: 'request aborted' });
    return failure({
      code: 'offline',
      message: 'the connection dropped while the librarian was replying',
    });
  } finally {
    // Stop reading (and let the connection go) whether we finished, failed or returned early.
    void reader.cancel().catch(() => undefined);
  }
  return failure({ code: 'bad-response', message: 'the reply ended before it was complete' });
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
