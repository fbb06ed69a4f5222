import type { z } from 'zod';
import {
  CatalogResultSchema,
  type CatalogBatchItem,
  type CatalogBatchRequestSchema,
  type CatalogBatchResult,
  type Usage,
} from '#shared/librarian';
import type { CallContext } from './call-context.ts';
import { completeOnce } from './complete-once.ts';
import { BATCH_JSON_SCHEMA } from './output-schema.ts';
import { parseBatchAnswer } from './parse-batch.ts';
import { chooseModel, maxOutputTokensPerEntry } from './prepare-call.ts';
import { findCachedReply, replyCacheKeys } from './reply-cache.ts';
import { PROMPT_VERSION, SYSTEM_PROMPT } from './system-prompt.ts';
import { ZERO_USAGE } from './usage.ts';
import { buildBatchUserMessage } from './user-message.ts';

/** Output allowance of a whole batch: per entry as for one memory, clamped for the call. */
export const MAX_BATCH_OUTPUT_TOKENS = 8192;

type BatchRequest = z.output<typeof CatalogBatchRequestSchema>;
type CatalogResult = z.output<typeof CatalogResultSchema>;

/**
 * Entries queued offline in one upstream call: the static system prompt and the notebook are paid
 * once instead of once per entry. Entries answered before come from the reply cache; an entry the
 * model skipped or answered invalidly comes back `ok: false`, to be retried alone (which repairs).
 */
export async function catalogBatch(
  call: CallContext,
  request: BatchRequest,
): Promise<CatalogBatchResult> {
  const model = chooseModel(call.config, request.model);
  const { library, libraryId } = call.device;
  const now = Date.now();
  const keys = await Promise.all(
    request.entries.map((entry) => replyCacheKeys(libraryId, entry, model, request.replyLength)),
  );
  const cached = await Promise.all(
    keys.map((entryKeys) => findCachedReply(library, entryKeys, now)),
  );
  const pending = request.entries.filter((_entry, index) => !cached[index]);
  const fresh = pending.length > 0 ? await catalogFresh(call, model, request, pending) : null;

  const results: CatalogBatchItem[] = request.entries.map((entry, index) => {
    const hit = cached[index];
    if (hit)
      return { ok: true, entryId: entry.id, result: CatalogResultSchema.parse(JSON.parse(hit)) };
    const result = fresh?.results.get(entry.id);
    if (result) return { ok: true, entryId: entry.id, result };
    return {
      ok: false,
      entryId: entry.id,
      error: {
        code: 'upstream-error',
        message: 'The AI librarian did not answer this memory in the batch. Try it alone.',
      },
    };
  });
  await Promise.all(
    results.map((item, index) =>
      item.ok && item.result.catalog && !cached[index]
        ? library.cacheResult(keys[index]?.own ?? '', JSON.stringify(item.result), Date.now())
        : undefined,
    ),
  );
  return { results, usage: fresh?.usage ?? ZERO_USAGE };
}

async function catalogFresh(
  call: CallContext,
  model: string,
  request: BatchRequest,
  pending: BatchRequest['entries'],
): Promise<{ results: Map<string, CatalogResult>; usage: Usage }> {
  const collected = await completeOnce(call, {
    model,
    // Also what the budget reserves: a brief batch reserves the lower cap per entry.
    maxTokens: Math.min(
      maxOutputTokensPerEntry(call.config, request.replyLength) * pending.length,
      MAX_BATCH_OUTPUT_TOKENS,
    ),
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      {
        role: 'user',
        content: buildBatchUserMessage(
          pending,
          request.related,
          request.notebook,
          request.corrections,
          request.replyLength,
        ),
      },
    ],
    jsonSchema: { name: 'librarian_batch', schema: BATCH_JSON_SCHEMA },
  });
  const answers = parseBatchAnswer(
    collected.content,
    collected.reasoning,
    new Set(request.related.map((card) => card.id)),
  );
  const usage = collected.usage ?? ZERO_USAGE;
  const results = new Map<string, CatalogResult>();
  pending.forEach((entry, index) => {
    const answer = answers.get(entry.id);
    if (!answer) return;
    results.set(entry.id, {
      entryId: entry.id,
      model,
      promptVersion: PROMPT_VERSION,
      reply: answer.reply,
      catalog: answer.catalog,
      reasoning: null,
      usage: shareOf(usage, pending.length, index),
      notebook: answer.notebook,
    });
  });
  return { results, usage };
}

/** An even share of the batch call's usage (the remainder goes to the first entry). */
function shareOf(usage: Usage, parts: number, index: number): Usage {
  const part = (total: number) => Math.floor(total / parts) + (index === 0 ? total % parts : 0);
  return {
    promptTokens: part(usage.promptTokens),
    completionTokens: part(usage.completionTokens),
    totalTokens: part(usage.totalTokens),
    cachedTokens: part(usage.cachedTokens),
    cacheWriteTokens: part(usage.cacheWriteTokens),
    reasoningTokens: part(usage.reasoningTokens),
    costUsd: usage.costUsd === null ? null : usage.costUsd / parts,
  };
}
