import type { Usage } from '#shared/librarian';
import { estimatePromptTokens } from '#shared/token-estimate';
import { reserveCall } from '../budget-guard.ts';
import type { CallContext } from './call-context.ts';
import { collectAnswer, type CollectedAnswer } from './collect-answer.ts';
import { readUpstreamEvents } from './upstream-events.ts';
import { openUpstream, type ChatMessage, type UpstreamCall } from './upstream-request.ts';
import { ZERO_USAGE } from './usage.ts';

export interface OneCall {
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  jsonSchema?: UpstreamCall['jsonSchema'];
  signal?: AbortSignal;
}

/**
 * One budgeted, non-streamed upstream call: reserve (429 before anything is sent), send, read to
 * the end, settle with the real usage whatever happened. Compare, batches and repairs use it.
 */
export async function completeOnce(call: CallContext, request: OneCall): Promise<CollectedAnswer> {
  const settle = await reserveCall(
    call.device,
    {
      model: request.model,
      promptTokens: estimatePromptTokens(request.messages),
      maxTokens: request.maxTokens,
    },
    call.env,
    call.config,
    call.ctx,
  );
  let usage: Usage | null = null;
  try {
    const opening = await openUpstream({
      config: call.config,
      model: request.model,
      messages: request.messages,
      maxTokens: request.maxTokens,
      stream: false,
      sessionId: call.sessionId,
      signal: request.signal ?? new AbortController().signal,
      jsonSchema: request.jsonSchema,
    });
    if (!opening.ok) {
      // A refusal with a status generated nothing; an unreachable upstream may have.
      if (opening.wasAnswered) usage = ZERO_USAGE;
      throw opening.error;
    }
    const answer = await collectAnswer(readUpstreamEvents(opening.response), {
      onUsage: (reported) => (usage = reported),
    });
    return answer;
  } finally {
    settle(usage);
  }
}
