import { Hono } from 'hono';
import { estimatePromptTokens } from '#shared/token-estimate';
import { CatalogRequestSchema } from '#shared/librarian';
import type { AppEnv } from '../app-env.ts';
import { requireDevice } from '../auth.ts';
import { reserveTokens } from '../budget-guard.ts';
import { readConfig } from '../env.ts';
import { HttpError } from '../http-error.ts';
import { answerAsJson, answerAsSse, type AnswerContext } from '../librarian/answer-modes.ts';
import { buildCatalogMessages, chooseModel, sessionIdFor } from '../librarian/prepare-call.ts';
import { PROMPT_VERSION } from '../librarian/system-prompt.ts';
import { openUpstream } from '../librarian/upstream-request.ts';
import { readJsonBody } from '../read-body.ts';
import { ZERO_USAGE } from '../librarian/usage.ts';

export const librarian = new Hono<AppEnv>();

librarian.post('/catalog', requireDevice, async (c) => {
  const request = await readJsonBody(c.req.raw, CatalogRequestSchema);
  const config = readConfig(c.env);
  if (!config.isLibrarianOnline) {
    throw new HttpError(
      503,
      'upstream-unavailable',
      'The AI librarian is not configured on this server.',
    );
  }
  const model = chooseModel(config, request.model);
  const messages = buildCatalogMessages(request);
  const maxTokens = config.maxOutputTokens;
  const device = c.get('device');
  const sessionId = await sessionIdFor(device.libraryId);
  // Nothing that can fail may sit between this reservation and the guarded upstream call below.
  const settle = await reserveTokens(
    device,
    {
      tokens: estimatePromptTokens(messages) + maxTokens,
      dailyBudget: config.dailyTokenBudget,
      model,
    },
    c.executionCtx,
  );

  // Stops the upstream when the client goes away: its request signal, or a cancelled SSE body.
  const upstreamAbort = new AbortController();
  const opening = await openUpstream({
    config,
    model,
    messages,
    maxTokens,
    stream: request.stream,
    sessionId,
    signal: AbortSignal.any([c.req.raw.signal, upstreamAbort.signal]),
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
    entryId: request.entry.id,
    model,
    promptVersion: PROMPT_VERSION,
    relatedIds: new Set(request.related.map((card) => card.id)),
    settle,
  };
  if (!request.stream) return c.json(await answerAsJson(context));
  return answerAsSse(context, { onCancel: () => upstreamAbort.abort(), ctx: c.executionCtx });
});
