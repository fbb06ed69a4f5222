import type { LibrarianCatalog, NotebookProposal, Usage } from '#shared/librarian';
import type { CallContext } from './call-context.ts';
import { noUsableReply, type CollectedAnswer } from './collect-answer.ts';
import { parseLibrarianAnswer } from './parse-answer.ts';
import { repairAnswer } from './repair.ts';
import { addUsage, ZERO_USAGE } from './usage.ts';

export interface FinishedAnswer {
  reply: string;
  catalog: LibrarianCatalog | null;
  reasoning: string | null;
  notebook: NotebookProposal[];
  /** Both calls' usage when a repair was made. */
  usage: Usage;
}

/**
 * Validates a complete answer; when its reply or card does not validate, repairs it once. A
 * reply that did validate is kept word for word (it may already be on the person's screen).
 * Still no reply after the repair: 502, never a half-parsed card.
 */
export async function finishAnswer(
  collected: CollectedAnswer,
  options: { call: CallContext; model: string; relatedIds: ReadonlySet<string> },
): Promise<FinishedAnswer> {
  const parsed = parseLibrarianAnswer(collected.content, collected.reasoning, options.relatedIds);
  const usage = collected.usage ?? ZERO_USAGE;
  const reasoning = collected.reasoning || null;
  if (parsed?.catalog) {
    return {
      reply: parsed.reply,
      catalog: parsed.catalog,
      reasoning,
      notebook: parsed.notebook,
      usage,
    };
  }
  const repaired = await repairAnswer(
    options.call,
    options.model,
    collected.content.trim() || collected.reasoning,
    options.relatedIds,
  );
  const reply = parsed?.reply ?? repaired?.answer?.reply;
  if (!reply) throw noUsableReply();
  return {
    reply,
    catalog: repaired?.answer?.catalog ?? null,
    reasoning,
    // The first answer's proposals when it had any: the repair prompt does not ask for notes.
    notebook: parsed?.notebook.length ? parsed.notebook : (repaired?.answer?.notebook ?? []),
    usage: addUsage(usage, repaired?.usage ?? null),
  };
}
