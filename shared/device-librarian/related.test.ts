import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recallAtK, type LabelledMemory } from './evaluate-retrieval.ts';
import { createMemoryIndex } from './memory-index.ts';
import { rankPostings } from '../search/rank.ts';
import { findPeople, findPlaces } from './entities.ts';
import {
  findRelated,
  RAREST_TERMS,
  rarestSharedTerms,
  relatedQueryTerms,
  type CandidateFacets,
  type PostingSource,
} from './related.ts';

const labelled = JSON.parse(
  readFileSync(new URL('../../tests/fixtures/related-memories.json', import.meta.url), 'utf8'),
) as { memories: LabelledMemory[] };

describe('related memories', () => {
  it('query terms skip stop words and single characters', () => {
    const terms = relatedQueryTerms('今天和外婆一起做了桂花糕 and the cake was good');
    expect(terms).toContain('外婆');
    expect(terms).toContain('桂花');
    expect(terms).not.toContain('今天');
    expect(terms).not.toContain('the');
    expect(terms.every((term) => Array.from(term).length >= 2)).toBe(true);
  });

  it('finds the memory about the same person first, and says what they share', async () => {
    const index = createMemoryIndex([
      { id: 'a', text: '外婆教我做桂花糕', at: 1 },
      { id: 'b', text: '论文被导师退回来了', at: 2 },
      { id: 'c', text: '和外婆在厨房包饺子', at: 3 },
    ]);
    const related = await findRelated('外婆打电话问桂花糕', index, { excludeId: 'x' });
    expect(related[0]?.entryId).toBe('a');
    expect(related[0]?.shared).toContain('外婆');
    expect(related.map((candidate) => candidate.entryId)).not.toContain('b');
  });

  it('rewards shared people and places from catalog cards', async () => {
    const index = createMemoryIndex([
      { id: 'a', text: 'walked by the river', at: 1 },
      { id: 'b', text: 'walked by the sea', at: 2 },
    ]);
    const related = await findRelated('walked with Lin', index, {
      facets: { people: ['Lin'], places: [], themes: [] },
      facetsOf: (id) => (id === 'b' ? { people: ['lin'], places: [], themes: [] } : undefined),
    });
    expect(related[0]?.entryId).toBe('b');
    expect(related[0]?.shared).toContain('Lin');
  });

  it('ranks only the rarest terms another memory shares, in query order', () => {
    const posting = (term: string, entryId: string) => ({ term, entryId, tf: 1, len: 5, at: 1 });
    const postings = new Map([
      ['rain', ['self', 'a', 'b', 'c'].map((id) => posting('rain', id))],
      ['lin', ['self', 'a'].map((id) => posting('lin', id))],
      ['station', ['a', 'b'].map((id) => posting('station', id))],
      ['mine', [posting('mine', 'self')]],
    ]);
    const terms = ['rain', 'mine', 'station', 'lin', 'absent'];
    expect(rarestSharedTerms(terms, postings, { count: 2, excludeId: 'self' })).toEqual([
      'station',
      'lin',
    ]);
  });

  it(`still finds the labelled related memories ranking only the ${RAREST_TERMS} rarest shared terms`, async () => {
    // The restriction is what keeps shelving fast at 10,000 memories; it must cost no recall
    // worth having (ranking all 24 query terms gives 0.95 here).
    expect(await recallAtK(labelled.memories, 5)).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the cards only of candidates that can still be shown, and shows what scoring all would', async () => {
    const memories = labelled.memories.map((memory) => ({
      id: memory.id,
      text: memory.text,
      at: Date.parse(memory.writtenAt),
    }));
    const index = createMemoryIndex(memories);
    const facets = new Map(
      memories.map((memory) => [
        memory.id,
        { people: findPeople(memory.text), places: findPlaces(memory.text), themes: [] },
      ]),
    );
    let cardsRead = 0;
    let candidates = 0;
    for (const memory of memories) {
      for (const limit of [1, 3, 8]) {
        const options = {
          excludeId: memory.id,
          limit,
          facets: facets.get(memory.id),
          facetsOf: (id: string) => facets.get(id),
        };
        const everyCandidate = await scoreEveryCandidate(memory.text, index, options);
        candidates += everyCandidate.candidates;
        const counted = {
          ...options,
          facetsOf: (id: string) => {
            cardsRead += 1;
            return facets.get(id);
          },
        };
        expect(await findRelated(memory.text, index, counted)).toEqual(everyCandidate.shown);
      }
    }
    expect(cardsRead).toBeLessThan(candidates);
  });

  it('returns nothing for an empty library', async () => {
    expect(await findRelated('外婆', createMemoryIndex([]))).toEqual([]);
  });

  it(`reaches recall@5 ≥ 0.8 on the labelled set of ${labelled.memories.length} bilingual memories`, async () => {
    expect(labelled.memories.length).toBeGreaterThanOrEqual(60);
    expect(await recallAtK(labelled.memories, 5)).toBeGreaterThanOrEqual(0.8);
  });
});

/** findRelated's ranking written plainly: every candidate scored with its facets, then sorted. */
async function scoreEveryCandidate(
  text: string,
  source: PostingSource,
  options: {
    excludeId: string;
    limit: number;
    facets?: CandidateFacets;
    facetsOf: (id: string) => CandidateFacets | undefined;
  },
) {
  const rarest = { count: RAREST_TERMS, excludeId: options.excludeId };
  const candidateTerms = relatedQueryTerms(text);
  const postings = await source.postingsFor(candidateTerms, rarest);
  const terms = rarestSharedTerms(candidateTerms, postings, rarest);
  const ranked = rankPostings(
    terms.map((term) => postings.get(term) ?? []),
    await source.stats(),
    'any',
  ).filter((result) => result.entryId !== options.excludeId);
  const fold = (value: string) => value.normalize('NFKC').toLowerCase();
  const mine = options.facets ? [...options.facets.people, ...options.facets.places] : [];
  const scored = ranked.map((result) => {
    const theirs = options.facetsOf(result.entryId);
    const theirSet = new Set([...(theirs?.people ?? []), ...(theirs?.places ?? [])].map(fold));
    const facets = mine.filter((value) => theirSet.has(fold(value)));
    const words = terms.filter((term) =>
      postings.get(term)?.some((posting) => posting.entryId === result.entryId),
    );
    return {
      entryId: result.entryId,
      score: result.score / ranked[0]!.score + 0.35 * facets.length,
      shared: [...new Set([...facets, ...words])].slice(0, 6),
    };
  });
  const shown = scored
    .filter((candidate) => candidate.score >= 0.12)
    .sort((a, b) => b.score - a.score)
    .slice(0, options.limit);
  return { shown, candidates: ranked.length };
}
