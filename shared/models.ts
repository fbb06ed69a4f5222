import { z } from 'zod';

/** USD per token, as OpenRouter quotes prices; null where the Worker does not know them. */
export const ModelPricesSchema = z.object({
  prompt: z.number().min(0),
  completion: z.number().min(0),
  /** A prompt token read from the provider's cache; null when the provider does not cache. */
  cacheRead: z.number().min(0).nullable(),
  /** A prompt token written to the cache, where that costs extra (Anthropic); else null. */
  cacheWrite: z.number().min(0).nullable(),
});
export type ModelPrices = z.infer<typeof ModelPricesSchema>;

export const ModelInfoSchema = z.object({
  id: z.string(),
  isDefault: z.boolean(),
  prices: ModelPricesSchema.nullable(),
  supportsStructuredOutput: z.boolean(),
  supportsReasoning: z.boolean(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/** `GET /api/v1/models`: the operator's allowlist, the default first. */
export const ModelListSchema = z.object({ models: z.array(ModelInfoSchema) });
export type ModelList = z.infer<typeof ModelListSchema>;
