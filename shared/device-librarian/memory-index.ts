import type { CollectionStats, Posting } from '../search/rank.ts';
import { documentTerms } from '../search/tokenize.ts';
import type { PostingSource } from './related.ts';

/**
 * An in-memory inverted index with the same postings as the app's IndexedDB index: for the
 * retrieval evaluation, benchmarks and unit tests.
 */
export function createMemoryIndex(
  documents: readonly { id: string; text: string; at: number }[],
): PostingSource {
  const byTerm = new Map<string, Posting[]>();
  let totalLength = 0;
  for (const document of documents) {
    const { terms, length } = documentTerms(document.text);
    totalLength += length;
    for (const [term, tf] of terms) {
      const list = byTerm.get(term) ?? [];
      list.push({ term, entryId: document.id, tf, len: length, at: document.at });
      byTerm.set(term, list);
    }
  }
  const stats: CollectionStats = { docCount: documents.length, totalLength };
  return {
    postingsFor: async (terms) => new Map(terms.map((term) => [term, byTerm.get(term) ?? []])),
    stats: async () => stats,
  };
}
