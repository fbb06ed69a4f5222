import { z } from 'zod';
import type { Usage } from '#shared/librarian';

/** OpenRouter's usage object; local servers send a subset, so everything is optional. */
export const RawUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  cost: z.number().nullish(),
  prompt_tokens_details: z
    .looseObject({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() })
    .nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});
export type RawUsage = z.infer<typeof RawUsageSchema>;

export const ZERO_USAGE: Usage = {
  promptTokens: 0,
  completionTokens: 0,
  totalTokens: 0,
  cachedTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: null,
};

export function normalizeUsage(raw: RawUsage): Usage {
  const promptTokens = count(raw.prompt_tokens);
  const completionTokens = count(raw.completion_tokens);
  return {
    promptTokens,
    completionTokens,
    // Never below its parts: the budget must not undercount when a server reports a short total.
    totalTokens: Math.max(count(raw.total_tokens), promptTokens + completionTokens),
    cachedTokens: count(raw.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: count(raw.prompt_tokens_details?.cache_write_tokens),
    reasoningTokens: count(raw.completion_tokens_details?.reasoning_tokens),
    costUsd: typeof raw.cost === 'number' && raw.cost >= 0 ? raw.cost : null,
  };
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/** Two calls' usage as one (a reply and its repair); cost stays null only when neither reported one. */
export function addUsage(a: Usage, b: Usage | null): Usage {
  if (!b) return a;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    cachedTokens: a.cachedTokens + b.cachedTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    costUsd: a.costUsd === null && b.costUsd === null ? null : (a.costUsd ?? 0) + (b.costUsd ?? 0),
  };
}
