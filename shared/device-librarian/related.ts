import { rankPostings, type CollectionStats, type Posting } from '../search/rank.ts';
import { documentTerms } from '../search/tokenize.ts';
import { isUsefulTerm } from './stop-terms.ts';

/** Where postings come from: the app's IndexedDB index, or an in-memory index in tests. */
export interface PostingSource {
  postingsFor(terms: readonly string[]): Promise<Map<string, Posting[]>>;
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
  const terms = relatedQueryTerms(text);
  if (terms.length === 0) return [];
  const [postings, stats] = await Promise.all([source.postingsFor(terms), source.stats()]);
  const units = terms.map((term) => postings.get(term) ?? []);
  const ranked = rankPostings(units, stats, 'any').filter(
    (result) => result.entryId !== options.excludeId,
  );
  if (ranked.length === 0) return [];

  const sharedTerms = new Map<string, string[]>();
  for (const term of terms) {
    for (const posting of postings.get(term) ?? []) {
      const list = sharedTerms.get(posting.entryId) ?? [];
      list.push(term);
      sharedTerms.set(posting.entryId, list);
    }
  }
  const best = ranked[0]!.score;
  const scored = ranked.map((result) => {
    const facets = sharedFacets(options.facets, options.facetsOf?.(result.entryId));
    const score = result.score / best + FACET_WEIGHT * facets.length;
    const shared = [...new Set([...facets, ...(sharedTerms.get(result.entryId) ?? [])])].slice(
      0,
      6,
    );
    return { entryId: result.entryId, score, shared };
  });
  return scored
    .filter((candidate) => candidate.score >= MIN_RELATIVE_SCORE)
    .sort((a, b) => b.score - a.score)
    .slice(0, options.limit ?? 5);
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
