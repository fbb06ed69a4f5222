import { z } from 'zod';
import {
  CatalogResultSchema,
  CorrectionsSchema,
  EntryForLibrarianSchema,
  NotebookDigestSchema,
  RelatedCardSchema,
  UsageSchema,
} from './librarian.ts';

/** `POST /api/v1/librarian/compare`: one memory to 2–4 distinct allowed models at once. */
export const CompareRequestSchema = z.strictObject({
  entry: EntryForLibrarianSchema,
  related: z.array(RelatedCardSchema).max(8).default([]),
  /** The same digest a catalog request carries, so the models compared see what one would. */
  notebook: NotebookDigestSchema,
  corrections: CorrectionsSchema,
  models: z
    .array(z.string().min(1).max(100))
    .min(2)
    .max(4)
    .refine((models) => new Set(models).size === models.length, {
      message: 'models must be distinct',
    }),
});
export type CompareRequest = z.input<typeof CompareRequestSchema>;

/** One model's outcome: a failure of one model does not fail the others. */
export const CompareItemSchema = z.object({
  model: z.string(),
  ok: z.boolean(),
  result: CatalogResultSchema.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  latencyMs: z.number().min(0),
  usage: UsageSchema,
  /** USD the upstream reported, or null (a local server reports none). */
  costUsd: z.number().min(0).nullable(),
  /** Share of the prompt tokens read from the provider's cache, 0–1. */
  cacheShare: z.number().min(0).max(1),
});
export type CompareItem = z.infer<typeof CompareItemSchema>;

export const CompareResultSchema = z.object({ results: z.array(CompareItemSchema) });
export type CompareResult = z.infer<typeof CompareResultSchema>;
