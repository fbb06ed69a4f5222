import { LibrarianCatalogSchema, LibrarianOutputSchema } from '#shared/librarian';
import {
  extractJsonObject,
  readProposals,
  stripCodeFence,
  type LibrarianAnswer,
} from './parse-answer.ts';

/**
 * A batch answer `{"results": [{"id", ...}]}` → each entry's validated answer by id (missing
 * when the model skipped it or its reply does not validate). Related ids outside the cards given
 * are dropped, as for one memory.
 */
export function parseBatchAnswer(
  content: string,
  reasoning: string,
  relatedIds: ReadonlySet<string>,
): Map<string, LibrarianAnswer> {
  const answers = new Map<string, LibrarianAnswer>();
  const text = stripCodeFence(content).trim();
  const json = parse(text) ?? parse(extractJsonObject(text || reasoning));
  const results = (json as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) return answers;
  for (const item of results as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { id } = item as { id?: unknown };
    const reply = LibrarianOutputSchema.shape.reply.safeParse((item as { reply?: unknown }).reply);
    if (typeof id !== 'string' || !reply.success || answers.has(id)) continue;
    const catalog = LibrarianCatalogSchema.safeParse(item);
    answers.set(id, {
      reply: reply.data,
      catalog: catalog.success
        ? {
            ...catalog.data,
            related: catalog.data.related.filter((link) => relatedIds.has(link.id)),
          }
        : null,
      notebook: readProposals((item as { notebook?: unknown }).notebook),
    });
  }
  return answers;
}

function parse(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
