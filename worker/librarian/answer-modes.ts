import type { CatalogResult, Usage } from '#shared/librarian';
import type { Settle } from '../budget-guard.ts';
import { HttpError } from '../http-error.ts';
import type { CallContext } from './call-context.ts';
import { collectAnswer } from './collect-answer.ts';
import { finishAnswer, type FinishedAnswer } from './finish-answer.ts';
import { sseResponse, type SendEvent } from './sse-response.ts';
import { readUpstreamEvents } from './upstream-events.ts';

export interface AnswerContext {
  response: Response;
  call: CallContext;
  entryId: string;
  model: string;
  promptVersion: string;
  relatedIds: ReadonlySet<string>;
  settle: Settle;
  /** Keeps a complete result for retries (the reply cache); awaited before the answer goes out. */
  remember(result: CatalogResult): Promise<void>;
}

function toResult(answer: FinishedAnswer, context: AnswerContext): CatalogResult {
  return {
    entryId: context.entryId,
    model: context.model,
    promptVersion: context.promptVersion,
    reply: answer.reply,
    catalog: answer.catalog,
    reasoning: answer.reasoning,
    usage: answer.usage,
    notebook: answer.notebook,
  };
}

/** Reads the main call to its end and settles it, then validates (and repairs) the answer. */
async function readAndFinish(
  context: AnswerContext,
  hooks: { onReasoning?(text: string): void; onReply?(text: string): void } = {},
): Promise<{ result: CatalogResult; replySent: string }> {
  let usage: Usage | null = null;
  let collected;
  try {
    collected = await collectAnswer(readUpstreamEvents(context.response), {
      ...hooks,
      onUsage: (reported) => (usage = reported),
    });
  } finally {
    // Settled before any repair: the repair reserves and settles on its own.
    context.settle(usage);
  }
  const answer = await finishAnswer(collected, context);
  const result = toResult(answer, context);
  if (result.catalog) await context.remember(result);
  return { result, replySent: collected.replySent };
}

/** `stream: false`: read everything, answer with one CatalogResult. */
export async function answerAsJson(context: AnswerContext): Promise<CatalogResult> {
  return (await readAndFinish(context)).result;
}

/** `stream: true`: relay reasoning and reply as they come, then catalog, usage and done. */
export function answerAsSse(
  context: AnswerContext,
  options: { onCancel: () => void; ctx: ExecutionContext },
): Response {
  return sseResponse(async (send) => {
    try {
      const { result, replySent } = await readAndFinish(context, {
        onReasoning: (text) => send('reasoning', { text }),
        onReply: (text) => send('reply', { text }),
      });
      // A reply found only in the reasoning, or only by the repair, was not streamed: send it whole.
      if (!replySent) send('reply', { text: result.reply });
      sendEnding(send, result);
    } catch (error) {
      sendError(send, error);
    }
  }, options);
}

/** A cached result replayed as the events a live answer would have sent. */
export function replayAsSse(result: CatalogResult, ctx: ExecutionContext): Response {
  return sseResponse(
    async (send) => {
      if (result.reasoning) send('reasoning', { text: result.reasoning });
      send('reply', { text: result.reply });
      sendEnding(send, result);
    },
    { onCancel: () => undefined, ctx },
  );
}

function sendEnding(send: SendEvent, result: CatalogResult): void {
  // The proposals travel with the card (and in `done`), so a client sees both at the same moment.
  if (result.catalog) send('catalog', { ...result.catalog, notebook: result.notebook ?? [] });
  send('usage', result.usage);
  send('done', result);
}

function sendError(send: SendEvent, error: unknown): void {
  const known = error instanceof HttpError ? error : null;
  send('error', {
    code: known?.code ?? 'internal-error',
    message: known?.message ?? 'Something went wrong on the server.',
  });
}
