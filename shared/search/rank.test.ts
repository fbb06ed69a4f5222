import { describe, expect, it } from 'vitest';
import { idf, rankPostings, type Posting } from './rank.ts';

const posting = (entryId: string, tf: number, len: number, at: number, term = 't'): Posting => ({
  term,
  entryId,
  tf,
  len,
  at,
});

describe('BM25 ranking', () => {
  it('gives rarer terms more weight', () => {
    expect(idf(100, 1)).toBeGreaterThan(idf(100, 50));
  });

  it('ranks more occurrences in a shorter memory first', () => {
    const ranked = rankPostings([[posting('a', 1, 50, 1), posting('b', 3, 10, 0)]], {
      docCount: 10,
      totalLength: 200,
    });
    expect(ranked.map((result) => result.entryId)).toEqual(['b', 'a']);
  });

  it('breaks ties by recency, newest first', () => {
    const ranked = rankPostings(
      [[posting('old', 1, 10, 100), posting('new', 1, 10, 200), posting('mid', 1, 10, 150)]],
      { docCount: 3, totalLength: 30 },
    );
    expect(ranked.map((result) => result.entryId)).toEqual(['new', 'mid', 'old']);
  });

  it('keeps only memories that contain every unit', () => {
    const ranked = rankPostings(
      [
        [posting('a', 1, 10, 1), posting('b', 1, 10, 2)],
        [posting('b', 1, 10, 2, 'u'), posting('c', 1, 10, 3, 'u')],
      ],
      { docCount: 3, totalLength: 30 },
    );
    expect(ranked.map((result) => result.entryId)).toEqual(['b']);
  });

  it('in `any` mode keeps memories with at least one unit, those with more first', () => {
    const ranked = rankPostings(
      [[posting('a', 1, 10, 1), posting('b', 1, 10, 2)], [posting('b', 1, 10, 2, 'u')]],
      { docCount: 3, totalLength: 30 },
      'any',
    );
    expect(ranked.map((result) => result.entryId)).toEqual(['b', 'a']);
  });

  it('adds up the terms a prefix unit matched in one memory', () => {
    const ranked = rankPostings(
      [
        [
          posting('a', 1, 10, 1, 'grand'),
          posting('a', 1, 10, 1, 'grandma'),
          posting('b', 1, 10, 2, 'grand'),
        ],
      ],
      { docCount: 2, totalLength: 20 },
    );
    expect(ranked[0]?.entryId).toBe('a');
  });
});
