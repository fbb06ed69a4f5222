/**
 * BM25 ranking over postings read from the index. Pure: the caller reads the postings of each
 * query unit (all terms the unit matches) and the collection statistics.
 */

/** One term in one memory, as the index stores it. */
export interface Posting {
  term: string;
  entryId: string;
  /** How often the term occurs in the memory. */
  tf: number;
  /** The memory's length in terms. */
  len: number;
  /** When the memory was written, epoch ms: the tie-breaker (newer first). */
  at: number;
}

export interface CollectionStats {
  docCount: number;
  totalLength: number;
}

export interface RankedResult {
  entryId: string;
  score: number;
  at: number;
}

const K1 = 1.2;
const B = 0.75;
/** Scores closer than this count as equal, so recency decides (float sums are not exact). */
const TIE = 1e-9;

export function idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

export function termScore(tf: number, len: number, avgLen: number, weight: number): number {
  const norm = tf + K1 * (1 - B + (B * len) / (avgLen || 1));
  return (weight * (tf * (K1 + 1))) / norm;
}

/**
 * Ranks memories containing every unit (AND; `any`: at least one, for related memories): the sum of each unit's BM25 score (a prefix unit
 * adds the frequencies of all the terms it matched), best first, newer first among equals.
 * `unitPostings[i]` holds every posting of unit i.
 */
export function rankPostings(
  unitPostings: readonly (readonly Posting[])[],
  stats: CollectionStats,
  mode: 'all' | 'any' = 'all',
): RankedResult[] {
  if (unitPostings.length === 0) return [];
  const avgLen = stats.docCount > 0 ? stats.totalLength / stats.docCount : 1;
  const scores = new Map<string, { score: number; at: number; units: number }>();
  unitPostings.forEach((postings, unitIndex) => {
    const perDoc = new Map<string, { tf: number; len: number; at: number }>();
    for (const posting of postings) {
      const doc = perDoc.get(posting.entryId);
      if (doc) doc.tf += posting.tf;
      else perDoc.set(posting.entryId, { tf: posting.tf, len: posting.len, at: posting.at });
    }
    const weight = idf(Math.max(stats.docCount, perDoc.size), perDoc.size);
    for (const [entryId, doc] of perDoc) {
      const score = termScore(doc.tf, doc.len, avgLen, weight);
      const current = scores.get(entryId);
      if (mode === 'any') {
        if (current) current.score += score;
        else scores.set(entryId, { score, at: doc.at, units: unitPostings.length });
      } else if (unitIndex === 0) scores.set(entryId, { score, at: doc.at, units: 1 });
      else if (current && current.units === unitIndex) {
        current.score += score;
        current.units += 1;
      }
    }
  });
  const results: RankedResult[] = [];
  for (const [entryId, value] of scores) {
    if (value.units === unitPostings.length)
      results.push({ entryId, score: value.score, at: value.at });
  }
  return results.sort(compareResults);
}

export function compareResults(a: RankedResult, b: RankedResult): number {
  if (Math.abs(a.score - b.score) > TIE) return b.score - a.score;
  if (a.at !== b.at) return b.at - a.at;
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}
