import { rankPostings, type CollectionStats, type Posting } from '../search/rank.ts';
import { documentTerms } from '../search/tokenize.ts';
import { isUsefulTerm } from './stop-terms.ts';

/** What findRelated will use of the postings it asks for (see PostingSource.postingsFor). */
export interface RarestTerms {
  /** How many of the rarest terms are ranked. */
  count: number;
  /** The memory asking: its own postings do not make a term shared. */
  excludeId?: string;
}

/** Where postings come from: the app's IndexedDB index, or an in-memory index in tests. */
export interface PostingSource {
  /**
   * Each term's postings. With `rarest`, only the `rarest.count` rarest terms that other memories
   * share will be ranked, so a source that can tell (roughly) which terms are rare may leave the
   * others out; any term it gives is given whole.
   */
  postingsFor(terms: readonly string[], rarest?: RarestTerms): Promise<Map<string, Posting[]>>;
  /** The collection statistics (call after postingsFor: a source may answer from that read). */
  stats(): Promise<CollectionStats>;
}

/** What the caller knows of a candidate's catalog card, to reward shared people and places. */
export interface CandidateFacets {
  people: readonly string[];
  places: readonly string[];
  themes: readonly string[];
}

export interface RelatedMemory {
  entryId: string;
  score: number;
  /** The words and facets both memories share: the retrieval receipt shown to the person. */
  shared: string[];
}

const MAX_QUERY_TERMS = 24;
/**
 * Only this many of the query terms, the rarest that another memory shares, are ranked: a rare
 * shared word (a name, a place) is what relates two memories, and the common ones cost most to
 * read (at 10,000 memories a word like "rain" has thousands of postings). Recall@5 on the
 * labelled set is the same with 8 as with all 24 (0.95); with 6 it drops to 0.93.
 */
export const RAREST_TERMS = 8;
/** A shared person, place or theme counts as much as this share of the best text match. */
const FACET_WEIGHT = 0.35;
/** Candidates scoring below this share of the best one are noise, not relations. */
const MIN_RELATIVE_SCORE = 0.12;

/** The memory's most telling terms: frequent in it, not stop words, not single characters. */
export function relatedQueryTerms(text: string): string[] {
  const { terms } = documentTerms(text);
  return [...terms.entries()]
    .filter(([term]) => isUsefulTerm(term))
    .sort((a, b) => b[1] - a[1] || Array.from(b[0]).length - Array.from(a[0]).length)
    .slice(0, MAX_QUERY_TERMS)
    .map(([term]) => term);
}

/**
 * The memories most related to `text` ("memory is not recall but retrieval"): BM25 over the
 * search index with the memory's own telling terms as an any-term query, then a bonus for each
 * person, place or theme the catalog cards share.
 */
export async function findRelated(
  text: string,
  source: PostingSource,
  options: {
    excludeId?: string;
    limit?: number;
    facets?: CandidateFacets;
    facetsOf?: (entryId: string) => CandidateFacets | undefined;
  } = {},
): Promise<RelatedMemory[]> {
  const candidates = relatedQueryTerms(text);
  if (candidates.length === 0) return [];
  const rarest = { count: RAREST_TERMS, excludeId: options.excludeId };
  const postings = await source.postingsFor(candidates, rarest);
  const stats = await source.stats();
  const terms = rarestSharedTerms(candidates, postings, rarest);
  if (terms.length === 0) return [];
  const units = terms.map((term) => postings.get(term) ?? []);
  const ranked = rankPostings(units, stats, 'any').filter(
    (result) => result.entryId !== options.excludeId,
  );
  if (ranked.length === 0) return [];

  const limit = options.limit ?? 5;
  const best = ranked[0]!.score;
  const mine = options.facetsOf ? options.facets : undefined;
  const theirs = options.facetsOf ?? (() => undefined);
  // Facets only add to a text score, and at most this much: a candidate whose text score plus it
  // stays below the `limit` best final scores so far cannot be shown, so its card is never read.
  // At 10,000 memories thousands of candidates share a word; a few dozen need their facets.
  const maxBonus = mine ? FACET_WEIGHT * facetCount(mine) : 0;
  const top: number[] = [];
  const scored: { entryId: string; score: number; facets: string[] }[] = [];
  for (const result of ranked) {
    const textScore = result.score / best;
    if (top.length === limit && textScore + maxBonus < top[limit - 1]!) continue;
    const facets = sharedFacets(mine, theirs(result.entryId));
    const score = textScore + FACET_WEIGHT * facets.length;
    scored.push({ entryId: result.entryId, score, facets });
    const at = top.findIndex((other) => other < score);
    top.splice(at === -1 ? top.length : at, 0, score);
    if (top.length > limit) top.pop();
  }
  // Ranked order among equal scores, as sorting every candidate would give.
  const shown = scored
    .filter((candidate) => candidate.score >= MIN_RELATIVE_SCORE)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  const sharedTerms = termsSharedWith(
    new Set(shown.map((candidate) => candidate.entryId)),
    terms,
    postings,
  );
  return shown.map(({ entryId, score, facets }) => ({
    entryId,
    score,
    shared: [...new Set([...facets, ...(sharedTerms.get(entryId) ?? [])])].slice(0, 6),
  }));
}

/** The query terms each of `ids` has, in query order. */
function termsSharedWith(
  ids: ReadonlySet<string>,
  terms: readonly string[],
  postings: ReadonlyMap<string, readonly Posting[]>,
): Map<string, string[]> {
  const shared = new Map<string, string[]>();
  for (const term of terms) {
    for (const { entryId } of postings.get(term) ?? []) {
      if (!ids.has(entryId)) continue;
      const list = shared.get(entryId);
      if (list) list.push(term);
      else shared.set(entryId, [term]);
    }
  }
  return shared;
}

/**
 * The `count` terms found in the fewest other memories (and in at least one), in query order
 * among equals: the terms findRelated ranks.
 */
export function rarestSharedTerms(
  terms: readonly string[],
  postings: ReadonlyMap<string, readonly Posting[]>,
  { count, excludeId }: RarestTerms,
): string[] {
  const others = (term: string) => {
    let count = 0;
    for (const posting of postings.get(term) ?? []) if (posting.entryId !== excludeId) count += 1;
    return count;
  };
  return terms
    .map((term, order) => ({ term, order, df: others(term) }))
    .filter((candidate) => candidate.df > 0)
    .sort((a, b) => a.df - b.df || a.order - b.order)
    .slice(0, count)
    .sort((a, b) => a.order - b.order)
    .map((candidate) => candidate.term);
}

function facetCount(facets: CandidateFacets): number {
  return facets.people.length + facets.places.length + facets.themes.length;
}

function sharedFacets(
  mine: CandidateFacets | undefined,
  theirs: CandidateFacets | undefined,
): string[] {
  if (!mine || !theirs) return [];
  const fold = (value: string) => value.normalize('NFKC').toLowerCase();
  const theirSet = new Set([...theirs.people, ...theirs.places, ...theirs.themes].map(fold));
  return [...mine.people, ...mine.places, ...mine.themes].filter((value) =>
    theirSet.has(fold(value)),
  );
}
