import type { Usage } from '#shared/librarian';
import { HttpError } from '../http-error.ts';
import { ReplyDeltas } from './reply-deltas.ts';
import type { UpstreamEvent } from './upstream-events.ts';

export interface AnswerHooks {
  onReasoning?(text: string): void;
  onReply?(text: string): void;
  /** Called as soon as usage arrives, even if the answer then fails, so the budget can settle. */
  onUsage?(usage: Usage): void;
}

export interface CollectedAnswer {
  /** The raw content, for parsing, or for the repair call when it does not parse. */
  content: string;
  reasoning: string;
  usage: Usage | null;
  /** Reply text already passed to `onReply` while the JSON was arriving. */
  replySent: string;
}

/**
 * Reads the upstream's events to the end. A mid-stream error or a reply cut off by the length
 * limit is an HttpError, so no half-written answer can leave this function; whether the
 * complete content is a valid answer is for the caller (parse, then repair once).
 */
export async function collectAnswer(
  events: AsyncIterable<UpstreamEvent>,
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
          { upstreamCode: event.code },
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
  return { content, reasoning, usage, replySent: replyDeltas.sent };
}

export function noUsableReply(): HttpError {
  return new HttpError(
    502,
    'upstream-error',
    'The AI librarian did not give a usable reply. Please try again.',
  );
}
