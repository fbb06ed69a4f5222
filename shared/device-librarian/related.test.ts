import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recallAtK, type LabelledMemory } from './evaluate-retrieval.ts';
import { createMemoryIndex } from './memory-index.ts';
import { findRelated, RAREST_TERMS, rarestSharedTerms, relatedQueryTerms } from './related.ts';

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

  it('returns nothing for an empty library', async () => {
    expect(await findRelated('外婆', createMemoryIndex([]))).toEqual([]);
  });

  it(`reaches recall@5 ≥ 0.8 on the labelled set of ${labelled.memories.length} bilingual memories`, async () => {
    expect(labelled.memories.length).toBeGreaterThanOrEqual(60);
    expect(await recallAtK(labelled.memories, 5)).toBeGreaterThanOrEqual(0.8);
  });
});
