import type { LibrarianCatalog, Usage } from '#shared/librarian';
import { HttpError } from '../http-error.ts';
import { parseLibrarianAnswer } from './parse-answer.ts';
import { ReplyDeltas } from './reply-deltas.ts';
import type { UpstreamEvent } from './upstream-events.ts';

export interface AnswerHooks {
  onReasoning?(text: string): void;
  onReply?(text: string): void;
  /** Called as soon as usage arrives, even if the answer then fails, so the budget can settle. */
  onUsage?(usage: Usage): void;
}

export interface CollectedAnswer {
  reply: string;
  catalog: LibrarianCatalog | null;
  reasoning: string | null;
  usage: Usage | null;
}

/**
 * Reads the upstream's events to the end and returns the validated answer; every failure is an
 * HttpError, so no half-parsed card can leave this function.
 */
export async function collectAnswer(
  events: AsyncIterable<UpstreamEvent>,
  relatedIds: ReadonlySet<string>,
  hooks: AnswerHooks = {},
): Promise<CollectedAnswer> {
  let content = '';
  let reasoning = '';
  let finishReason: string | null = null;
  let usage: Usage | null = null;
  const replyDeltas = new ReplyDeltas();
  for await (const event of events) {
    switch (event.type) {
      case 'reasoning':
        reasoning += event.text;
        hooks.onReasoning?.(event.text);
        break;
      case 'content': {
        content += event.text;
        const delta = replyDeltas.next(content);
        if (delta) hooks.onReply?.(delta);
        break;
      }
      case 'finish':
        finishReason = event.reason;
        break;
      case 'usage':
        usage = event.usage;
        hooks.onUsage?.(event.usage);
        break;
      case 'error':
        throw new HttpError(
          502,
          'upstream-error',
          'The AI librarian stopped in the middle of its reply. Please try again.',
          {
            upstreamCode: event.code,
          },
        );
    }
  }
  if (finishReason === 'length') {
    throw new HttpError(
      502,
      'upstream-error',
      'The AI librarian’s reply was cut off before it was complete. Please try again.',
    );
  }
  const answer = parseLibrarianAnswer(content, reasoning, relatedIds);
  if (!answer) {
    throw new HttpError(
      502,
      'upstream-error',
      'The AI librarian did not give a usable reply. Please try again.',
    );
  }
  // An answer found only in the reasoning had no streamed reply: send it whole now.
  if (!replyDeltas.sent) hooks.onReply?.(answer.reply);
  return { reply: answer.reply, catalog: answer.catalog, reasoning: reasoning || null, usage };
}
