import type { z } from 'zod';
import type { CompareItem, CompareRequestSchema, CompareResult } from '#shared/compare';
import { HttpError } from '../http-error.ts';
import type { CallContext } from './call-context.ts';
import { completeOnce } from './complete-once.ts';
import { finishAnswer } from './finish-answer.ts';
import { buildCatalogMessages, chooseModel } from './prepare-call.ts';
import { PROMPT_VERSION } from './system-prompt.ts';
import { ZERO_USAGE } from './usage.ts';

type CompareRequest = z.output<typeof CompareRequestSchema>;

/**
 * One memory to 2–4 models in parallel. Each model is reserved and settled on its own, and one
 * failing (budget, upstream, invalid answer) does not fail the others. Only when every model was
 * refused by the budget does the whole request answer 429, as nothing was sent.
 */
export async function compareModels(
  call: CallContext,
  request: CompareRequest,
): Promise<CompareResult> {
  const models = request.models.map((model) => chooseModel(call.config, model));
  const messages = buildCatalogMessages({ ...request, stream: false });
  const relatedIds = new Set(request.related.map((card) => card.id));
  const outcomes = await Promise.all(
    models.map((model) => compareOne(call, request, model, messages, relatedIds)),
  );
  const refusals = outcomes.filter((outcome) => outcome.refusal);
  if (refusals.length === outcomes.length && refusals[0]?.refusal) throw refusals[0].refusal;
  return { results: outcomes.map((outcome) => outcome.item) };
}

async function compareOne(
  call: CallContext,
  request: CompareRequest,
  model: string,
  messages: ReturnType<typeof buildCatalogMessages>,
  relatedIds: ReadonlySet<string>,
): Promise<{ item: CompareItem; refusal?: HttpError }> {
  const started = Date.now();
  try {
    const collected = await completeOnce(call, {
      model,
      messages,
      maxTokens: call.config.maxOutputTokens,
    });
    const answer = await finishAnswer(collected, { call, model, relatedIds });
    const usage = answer.usage;
    return {
      item: {
        model,
        ok: true,
        result: {
          entryId: request.entry.id,
          model,
          promptVersion: PROMPT_VERSION,
          reply: answer.reply,
          catalog: answer.catalog,
          reasoning: answer.reasoning,
          usage,
          notebook: answer.notebook,
        },
        latencyMs: Date.now() - started,
        usage,
        costUsd: usage.costUsd,
        cacheShare:
          usage.promptTokens > 0 ? Math.min(1, usage.cachedTokens / usage.promptTokens) : 0,
      },
    };
  } catch (error) {
    const known = error instanceof HttpError ? error : null;
    return {
      refusal: known?.code === 'budget-exceeded' ? known : undefined,
      item: {
        model,
        ok: false,
        error: {
          code: known?.code ?? 'internal-error',
          message: known?.message ?? 'Something went wrong on the server.',
        },
        latencyMs: Date.now() - started,
        usage: ZERO_USAGE,
        costUsd: null,
        cacheShare: 0,
      },
    };
  }
}
