import { z } from 'zod';
import { HallIdSchema } from './halls.ts';
import {
  MAX_CORRECTION_LINES,
  MAX_NOTEBOOK_LINE_CHARS,
  MAX_NOTEBOOK_LINES,
  MAX_PROPOSED_NOTES,
} from './notebook-limits.ts';

export {
  MAX_CORRECTION_LINES,
  MAX_NOTEBOOK_LINE_CHARS,
  MAX_NOTEBOOK_LINES,
  MAX_PROPOSED_NOTES,
} from './notebook-limits.ts';

export const LanguageSchema = z.enum(['zh', 'en', 'mixed']);
export type Language = z.infer<typeof LanguageSchema>;

/** Longest memory the librarian accepts in one request (characters). */
export const MAX_ENTRY_CHARS = 20_000;

/** The memory as the app sends it to the librarian (it leaves end-to-end encryption here). */
export const EntryForLibrarianSchema = z.strictObject({
  id: z.string().min(1).max(100),
  revId: z.string().min(1).max(100).optional(),
  text: z.string().trim().min(1, 'the memory is empty').max(MAX_ENTRY_CHARS),
  writtenAt: z.iso.datetime({ offset: true }),
  lang: LanguageSchema.optional(),
});
export type EntryForLibrarian = z.infer<typeof EntryForLibrarianSchema>;

/** A compact card of a related memory: never its whole text. */
export const RelatedCardSchema = z.strictObject({
  id: z.string().min(1).max(100),
  callNumber: z.string().min(1).max(80),
  summary: z.string().max(200),
});
export type RelatedCard = z.infer<typeof RelatedCardSchema>;

export const ReplyLengthSchema = z.enum(['normal', 'brief']);
export type ReplyLength = z.infer<typeof ReplyLengthSchema>;

export const NotebookDigestSchema = z
  .array(z.string().min(1).max(MAX_NOTEBOOK_LINE_CHARS))
  .max(MAX_NOTEBOOK_LINES)
  .default([]);

/**
 * How the person re-shelved memories, one short line each ("Moved 'Lunch with Lin' from
 * Everyday/meals to Family/Lin"): their choices, which the librarian should follow.
 */
export const CorrectionsSchema = z
  .array(z.string().min(1).max(MAX_NOTEBOOK_LINE_CHARS))
  .max(MAX_CORRECTION_LINES)
  .default([]);

/** Most output tokens a `brief` reply may use (the card still needs its fields). */
export const BRIEF_MAX_OUTPUT_TOKENS = 450;

export const CatalogRequestSchema = z.strictObject({
  entry: EntryForLibrarianSchema,
  related: z.array(RelatedCardSchema).max(8).default([]),
  /** Short lines from the librarian's notebook about this person. */
  notebook: NotebookDigestSchema,
  corrections: CorrectionsSchema,
  model: z.string().min(1).max(100).optional(),
  stream: z.boolean().default(false),
  /** `brief` when the library's ink runs low: a shorter reply for fewer output tokens. */
  replyLength: ReplyLengthSchema.default('normal'),
});
export type CatalogRequest = z.input<typeof CatalogRequestSchema>;

const shortText = (max: number) => z.string().trim().min(1).max(max);

/** What the model must return besides its reply: the catalog card, before a call number is given. */
export const LibrarianCatalogSchema = z.object({
  title: shortText(80),
  summary: shortText(200),
  hall: HallIdSchema,
  shelf: shortText(40),
  emotions: z.array(z.object({ name: shortText(30), intensity: z.number().min(0).max(1) })).max(6),
  people: z.array(shortText(60)).max(12),
  places: z.array(shortText(60)).max(12),
  themes: z.array(shortText(60)).max(12),
  keywords: z.array(shortText(40)).max(16),
  whyHere: shortText(300),
  related: z.array(z.object({ id: shortText(100), why: shortText(200) })).max(8),
});
export type LibrarianCatalog = z.infer<typeof LibrarianCatalogSchema>;

/** A fact or preference the librarian proposes to keep in its notebook; the person decides. */
export const NotebookProposalSchema = z.object({
  text: shortText(MAX_NOTEBOOK_LINE_CHARS),
  why: shortText(200).optional(),
});
export type NotebookProposal = z.infer<typeof NotebookProposalSchema>;

/**
 * The whole JSON document the model is asked for: `reply` first, so it can stream early, and
 * `notebook` last (0–3 proposed notes; optional, as models without strict output may leave it out).
 */
export const LibrarianOutputSchema = LibrarianCatalogSchema.extend({
  reply: shortText(4000),
  notebook: z.array(NotebookProposalSchema).max(MAX_PROPOSED_NOTES).optional(),
});
export type LibrarianOutput = z.infer<typeof LibrarianOutputSchema>;

/** Token usage of one librarian call, as the upstream reported it (zeros when it did not). */
export const UsageSchema = z.object({
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
  totalTokens: z.number().int().min(0),
  cachedTokens: z.number().int().min(0),
  cacheWriteTokens: z.number().int().min(0),
  reasoningTokens: z.number().int().min(0),
  /** USD, when the upstream reports it (OpenRouter does, local servers do not). */
  costUsd: z.number().min(0).nullable(),
});
export type Usage = z.infer<typeof UsageSchema>;

export const CatalogResultSchema = z.object({
  entryId: z.string(),
  model: z.string(),
  promptVersion: z.string(),
  reply: z.string(),
  /** Null when the model's reply was usable but its catalog card was not valid. */
  catalog: LibrarianCatalogSchema.nullable(),
  reasoning: z.string().nullable(),
  usage: UsageSchema,
  /** Notes the librarian proposes for its notebook (the valid ones, at most 3). */
  notebook: z.array(NotebookProposalSchema).max(MAX_PROPOSED_NOTES).default([]),
});
/** As sent: `notebook` may be absent (results cached before proposals existed), read it as `[]`. */
export type CatalogResult = z.input<typeof CatalogResultSchema>;

/** Names of the SSE events of a streamed catalog reply (DESIGN.md §5, contract). */
export const CatalogStreamEventSchema = z.enum([
  'reasoning',
  'reply',
  'catalog',
  'usage',
  'error',
  'done',
]);
export type CatalogStreamEvent = z.infer<typeof CatalogStreamEventSchema>;

/** Most entries one batch request may carry (entries queued offline, catalogued together). */
export const MAX_BATCH_ENTRIES = 8;

/**
 * `POST /api/v1/librarian/catalog` with `entries` instead of `entry`: 2–8 memories in one upstream
 * call, sharing the notebook and one pool of related cards. Not streamed.
 */
export const CatalogBatchRequestSchema = z.strictObject({
  entries: z
    .array(EntryForLibrarianSchema)
    .min(2)
    .max(MAX_BATCH_ENTRIES)
    .refine((entries) => new Set(entries.map((entry) => entry.id)).size === entries.length, {
      message: 'entry ids must be distinct',
    }),
  related: z.array(RelatedCardSchema).max(24).default([]),
  notebook: NotebookDigestSchema,
  corrections: CorrectionsSchema,
  model: z.string().min(1).max(100).optional(),
  stream: z.literal(false).default(false),
  /** `brief` when the library's ink runs low: every entry's reply shorter, for fewer tokens. */
  replyLength: ReplyLengthSchema.default('normal'),
});
export type CatalogBatchRequest = z.input<typeof CatalogBatchRequestSchema>;

/** One entry of a batch: its result, or why it has none (retry that entry alone). */
export const CatalogBatchItemSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entryId: z.string(), result: CatalogResultSchema }),
  z.object({
    ok: z.literal(false),
    entryId: z.string(),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);
export type CatalogBatchItem = z.infer<typeof CatalogBatchItemSchema>;

/** The batch answer, in the order of `entries`. Each result's usage is its share of the call. */
export const CatalogBatchResultSchema = z.object({
  results: z.array(CatalogBatchItemSchema),
  /** The whole batch call's usage (zero when every entry came from the reply cache). */
  usage: UsageSchema,
});
export type CatalogBatchResult = z.infer<typeof CatalogBatchResultSchema>;
