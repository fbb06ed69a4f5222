import { CatalogResultSchema, type CatalogRequestSchema } from '#shared/librarian';
import { estimatePromptTokens } from '#shared/token-estimate';
import type { z } from 'zod';
import { reserveCall } from '../budget-guard.ts';
import { answerAsJson, answerAsSse, replayAsSse, type AnswerContext } from './answer-modes.ts';
import type { CallContext } from './call-context.ts';
import { buildCatalogMessages, chooseModel, maxOutputTokensPerEntry } from './prepare-call.ts';
import { findCachedReply, replyCacheKeys } from './reply-cache.ts';
import { PROMPT_VERSION } from './system-prompt.ts';
import { openUpstream } from './upstream-request.ts';
import { ZERO_USAGE } from './usage.ts';

/** Marks an answer that came from the reply cache, not from a new upstream call. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * One memory: from the reply cache when this exact request was answered before, else reserve,
 * call (streamed or not) and relay. Nothing that can fail sits between the reservation and the
 * guarded upstream call.
 */
export async function catalogOne(
  call: CallContext,
  request: z.output<typeof CatalogRequestSchema>,
  clientSignal: AbortSignal,
): Promise<Response> {
  const model = chooseModel(call.config, request.model);
  const { device } = call;
  const keys = await replyCacheKeys(device.libraryId, request.entry, model, request.replyLength);
  const cached = await findCachedReply(device.library, keys, Date.now());
  if (cached) {
    const result = CatalogResultSchema.parse(JSON.parse(cached));
    if (request.stream) return withHeader(replayAsSse(result, call.ctx));
    return withHeader(Response.json(result));
  }

  const messages = buildCatalogMessages(request);
  const maxTokens = maxOutputTokensPerEntry(call.config, request.replyLength);
  const settle = await reserveCall(
    device,
    { model, promptTokens: estimatePromptTokens(messages), maxTokens },
    call.env,
    call.config,
    call.ctx,
  );
  // Stops the upstream when the client goes away: its request signal, or a cancelled SSE body.
  const upstreamAbort = new AbortController();
  const opening = await openUpstream({
    config: call.config,
    model,
    messages,
    maxTokens,
    stream: request.stream,
    sessionId: call.sessionId,
    signal: AbortSignal.any([clientSignal, upstreamAbort.signal]),
  }).catch((error: unknown) => {
    settle(null);
    throw error;
  });
  if (!opening.ok) {
    // A refusal with a status generated nothing; an unreachable upstream may have, so keep it spent.
    settle(opening.wasAnswered ? ZERO_USAGE : null);
    throw opening.error;
  }

  const context: AnswerContext = {
    response: opening.response,
    call,
    entryId: request.entry.id,
    model,
    promptVersion: PROMPT_VERSION,
    relatedIds: new Set(request.related.map((card) => card.id)),
    settle,
    remember: (result) =>
      device.library.cacheResult(keys.own, JSON.stringify(result), Date.now()).catch(() => {
        // A result that could not be cached is still a result: the retry just costs a call.
        console.error('reply cache write failed');
      }),
  };
  if (!request.stream) return Response.json(await answerAsJson(context));
  return answerAsSse(context, { onCancel: () => upstreamAbort.abort(), ctx: call.ctx });
}

function withHeader(response: Response): Response {
  response.headers.set(REPLAYED_HEADER, 'true');
  return response;
}
