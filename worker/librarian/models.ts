import type { Config } from '../env.ts';

/**
 * What the Worker knows about the models an operator may allow. Prices are USD per million
 * tokens as OpenRouter listed them when this table was written (check before relying on them:
 * they only feed cost estimates for reservations and `GET /api/v1/models`; the bill itself is
 * the `cost` the upstream reports). A model missing here still works, with null prices and the
 * conservative capabilities of `UNKNOWN_MODEL`.
 */
export interface ModelProfile {
  promptPerMTok: number;
  completionPerMTok: number;
  /** Price of a prompt token read from the provider's cache; null when it does not cache. */
  cacheReadPerMTok: number | null;
  /** Price of writing the cache (Anthropic charges 1.25×); null when writes cost nothing extra. */
  cacheWritePerMTok: number | null;
  /** Fewest prefix tokens the provider caches (0: any prefix). */
  minCacheableTokens: number | null;
  /** `response_format: json_schema` with `strict: true` is honoured. */
  supportsStructuredOutput: boolean;
  supportsReasoning: boolean;
  /** Needs explicit `cache_control` breakpoints to cache at all. */
  needsCacheControl: boolean;
}

export const MODEL_PROFILES: Readonly<Record<string, ModelProfile>> = {
  'openai/gpt-4o-mini': {
    promptPerMTok: 0.15,
    completionPerMTok: 0.6,
    cacheReadPerMTok: 0.075,
    cacheWritePerMTok: null,
    minCacheableTokens: 1024,
    supportsStructuredOutput: true,
    supportsReasoning: false,
    needsCacheControl: false,
  },
  'google/gemini-2.5-flash': {
    promptPerMTok: 0.3,
    completionPerMTok: 2.5,
    cacheReadPerMTok: 0.075,
    cacheWritePerMTok: null,
    minCacheableTokens: 1024,
    supportsStructuredOutput: true,
    supportsReasoning: true,
    needsCacheControl: false,
  },
  'deepseek/deepseek-chat-v3.1': {
    promptPerMTok: 0.27,
    completionPerMTok: 1.1,
    cacheReadPerMTok: 0.027,
    cacheWritePerMTok: null,
    minCacheableTokens: 0,
    // DeepSeek's own API knows only `json_object`: ask for JSON in the prompt, repair if needed.
    supportsStructuredOutput: false,
    supportsReasoning: true,
    needsCacheControl: false,
  },
  'anthropic/claude-haiku-4.5': {
    promptPerMTok: 1,
    completionPerMTok: 5,
    cacheReadPerMTok: 0.1,
    cacheWritePerMTok: 1.25,
    minCacheableTokens: 4096,
    supportsStructuredOutput: true,
    supportsReasoning: true,
    needsCacheControl: true,
  },
  'qwen/qwen3-235b-a22b-2507': {
    promptPerMTok: 0.08,
    completionPerMTok: 0.55,
    cacheReadPerMTok: null,
    cacheWritePerMTok: null,
    minCacheableTokens: null,
    supportsStructuredOutput: true,
    supportsReasoning: false,
    needsCacheControl: false,
  },
};

/** Anything not in the table: no prices, plain JSON prompting, caching only where automatic. */
const UNKNOWN_MODEL: ModelProfile = {
  promptPerMTok: 0,
  completionPerMTok: 0,
  cacheReadPerMTok: null,
  cacheWritePerMTok: null,
  minCacheableTokens: null,
  supportsStructuredOutput: false,
  supportsReasoning: false,
  needsCacheControl: false,
};

export function modelProfile(model: string): ModelProfile & { isKnown: boolean } {
  const known = MODEL_PROFILES[model];
  if (known) return { ...known, isKnown: true };
  // Any Anthropic model caches only at breakpoints, known or not.
  return { ...UNKNOWN_MODEL, needsCacheControl: model.startsWith('anthropic/'), isKnown: false };
}

/**
 * The cost a reservation sets aside: every prompt token uncached and the whole output allowance.
 * Zero for a model without prices, so an unknown model is limited by tokens only.
 */
export function estimateCostUsd(model: string, promptTokens: number, maxTokens: number): number {
  const profile = modelProfile(model);
  return (promptTokens * profile.promptPerMTok + maxTokens * profile.completionPerMTok) / 1e6;
}

/** The allowlist with the default first-class, in the operator's order. */
export function allowedModels(config: Config): string[] {
  const models = [...config.allowedModels];
  if (!models.includes(config.defaultModel)) models.unshift(config.defaultModel);
  return models;
}
