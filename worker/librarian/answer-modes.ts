import type { CatalogResult, Usage } from '#shared/librarian';
import type { Settle } from '../budget-guard.ts';
import { HttpError } from '../http-error.ts';
import { collectAnswer, type CollectedAnswer } from './collect-answer.ts';
import { sseResponse } from './sse-response.ts';
import { readUpstreamEvents } from './upstream-events.ts';
import { ZERO_USAGE } from './usage.ts';

export interface AnswerContext {
  response: Response;
  entryId: string;
  model: string;
  promptVersion: string;
  relatedIds: ReadonlySet<string>;
  settle: Settle;
}

function toResult(answer: CollectedAnswer, context: AnswerContext): CatalogResult {
  return {
    entryId: context.entryId,
    model: context.model,
    promptVersion: context.promptVersion,
    reply: answer.reply,
    catalog: answer.catalog,
    reasoning: answer.reasoning,
    usage: answer.usage ?? ZERO_USAGE,
  };
}

/** `stream: false`: read everything, answer with one CatalogResult. */
export async function answerAsJson(context: AnswerContext): Promise<CatalogResult> {
  let usage: Usage | null = null;
  try {
    const answer = await collectAnswer(readUpstreamEvents(context.response), context.relatedIds, {
      onUsage: (reported) => (usage = reported),
    });
    return toResult(answer, context);
  } finally {
    context.settle(usage);
  }
}

/** `stream: true`: relay reasoning and reply as they come, then catalog, usage and done. */
export function answerAsSse(
  context: AnswerContext,
  options: { onCancel: () => void; ctx: ExecutionContext },
): Response {
  return sseResponse(async (send) => {
    let usage: Usage | null = null;
    try {
      const answer = await collectAnswer(readUpstreamEvents(context.response), context.relatedIds, {
        onReasoning: (text) => send('reasoning', { text }),
        onReply: (text) => send('reply', { text }),
        onUsage: (reported) => (usage = reported),
      });
      const result = toResult(answer, context);
      if (result.catalog) send('catalog', result.catalog);
      send('usage', result.usage);
      send('done', result);
    } catch (error) {
      const known = error instanceof HttpError ? error : null;
      send('error', {
        code: known?.code ?? 'internal-error',
        message: known?.message ?? 'Something went wrong on the server.',
      });
    } finally {
      context.settle(usage);
    }
  }, options);
}
