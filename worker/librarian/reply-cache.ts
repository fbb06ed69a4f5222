import type { EntryForLibrarian, ReplyLength } from '#shared/librarian';
import { sha256Hex } from '../crypto.ts';
import type { AuthenticatedDevice } from '../app-env.ts';
import { PROMPT_VERSION } from './system-prompt.ts';

/** Where one request's answer is kept in the reply cache, and every key that may answer it. */
export interface ReplyCacheKeys {
  /** Where this request's own answer is kept. */
  readonly own: string;
  /** Looked up in order: its own key first. */
  readonly lookup: readonly string[];
}

/**
 * The reply cache's keys: library + memory revision + model + prompt version, so a retry of the
 * same request hits and anything that would change the answer misses. Without a `revId` the
 * text's hash stands for the revision, so an edited memory is never answered from the cache.
 *
 * A brief reply (asked for when the ink runs low) is kept apart from a full one: a full request
 * never gets the brief answer back, while a brief request takes a full answer already paid for.
 * A full answer's key has no length in it, so answers cached before brief replies existed still hit.
 */
export async function replyCacheKeys(
  libraryId: string,
  entry: EntryForLibrarian,
  model: string,
  replyLength: ReplyLength,
): Promise<ReplyCacheKeys> {
  const revision = entry.revId ?? `text:${await sha256Hex(entry.text)}`;
  const request = [libraryId, entry.id, revision, model, PROMPT_VERSION];
  const full = await sha256Hex(JSON.stringify(request));
  if (replyLength !== 'brief') return { own: full, lookup: [full] };
  const brief = await sha256Hex(JSON.stringify([...request, 'brief']));
  return { own: brief, lookup: [brief, full] };
}

/** The first cached answer among `keys.lookup`, or null. */
export async function findCachedReply(
  library: AuthenticatedDevice['library'],
  keys: ReplyCacheKeys,
  now: number,
): Promise<string | null> {
  for (const key of keys.lookup) {
    const cached = await library.cachedResult(key, now);
    if (cached) return cached;
  }
  return null;
}
