import {
  LibrarianCatalogSchema,
  LibrarianOutputSchema,
  MAX_PROPOSED_NOTES,
  NotebookProposalSchema,
  type LibrarianCatalog,
  type NotebookProposal,
} from '#shared/librarian';

export interface LibrarianAnswer {
  reply: string;
  /** Null when the card did not validate: the reply alone is still a usable answer. */
  catalog: LibrarianCatalog | null;
  /** Proposed notebook notes that validate (an invalid one never costs the card). */
  notebook: NotebookProposal[];
}

/** The valid proposals of an answer's `notebook` list, at most 3; anything else reads as none. */
export function readProposals(value: unknown): NotebookProposal[] {
  if (!Array.isArray(value)) return [];
  return value
    .flatMap((item: unknown) => {
      const proposal = NotebookProposalSchema.safeParse(item);
      return proposal.success ? [proposal.data] : [];
    })
    .slice(0, MAX_PROPOSED_NOTES);
}

/** Removes a Markdown code fence around the whole answer, which some providers add. */
export function stripCodeFence(text: string): string {
  const match = /^\s*```[\w-]*[ \t]*\r?\n?([\s\S]*?)\r?\n?[ \t]*```\s*$/.exec(text);
  return match ? (match[1] ?? '') : text;
}

/** Removes an opening fence of an answer still being written, so partial parsing sees the JSON. */
export function stripOpeningFence(text: string): string {
  return text.replace(/^\s*```[\w-]*[ \t]*\r?\n?/, '');
}

/** The first `{` to the last `}`: the JSON object inside prose or reasoning text. */
export function extractJsonObject(text: string): string | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start >= 0 && end > start ? text.slice(start, end + 1) : null;
}

/**
 * The final answer, or null when there is no usable reply. The content is read first; when it is
 * empty the answer is looked for in the reasoning (some reasoning models put it there).
 */
export function parseLibrarianAnswer(
  content: string,
  reasoning: string,
  relatedIds: ReadonlySet<string>,
): LibrarianAnswer | null {
  const text = stripCodeFence(content).trim();
  const json = parseObject(text) ?? parseObject(extractJsonObject(text || reasoning));
  if (!json) return null;
  const reply = LibrarianOutputSchema.shape.reply.safeParse(json.reply);
  if (!reply.success) return null;
  const catalog = LibrarianCatalogSchema.safeParse(json);
  return {
    reply: reply.data,
    catalog: catalog.success ? keepKnownRelated(catalog.data, relatedIds) : null,
    notebook: readProposals(json.notebook),
  };
}

/** A related id the model made up would point nowhere in the person's library: drop it. */
function keepKnownRelated(
  catalog: LibrarianCatalog,
  relatedIds: ReadonlySet<string>,
): LibrarianCatalog {
  return { ...catalog, related: catalog.related.filter((link) => relatedIds.has(link.id)) };
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
