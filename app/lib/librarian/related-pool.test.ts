import { describe, expect, it } from 'vitest';
import type { RelatedCard } from '#shared/librarian';
import { poolRelatedCards } from './related-pool.ts';

const card = (id: string): RelatedCard => ({ id, callNumber: `EVE-X-${id}`, summary: id });

describe('the related cards of a batch', () => {
  it('keeps each card once, leaves out the batch’s own memories, and gives every memory its closest first', () => {
    const pooled = poolRelatedCards(
      [
        [card('a1'), card('a2'), card('shared'), card('m2')],
        [card('shared'), card('b2')],
      ],
      ['m1', 'm2'],
      4,
    );
    expect(pooled.map((one) => one.id)).toEqual(['a1', 'shared', 'a2', 'b2']);
  });

  it('is empty when no memory has related cards', () => {
    expect(poolRelatedCards([[], []], ['m1', 'm2'], 24)).toEqual([]);
  });
});
