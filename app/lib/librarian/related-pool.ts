import type { RelatedCard } from '#shared/librarian';

/**
 * One pool of related cards for a batch request: every memory's own cards, each card once, none
 * of the batch's own memories (they travel whole), at most `limit`, the closest of each first.
 */
export function poolRelatedCards(
  cardsPerMemory: readonly (readonly RelatedCard[])[],
  batchIds: readonly string[],
  limit: number,
): RelatedCard[] {
  const inBatch = new Set(batchIds);
  const pool = new Map<string, RelatedCard>();
  const longest = Math.max(0, ...cardsPerMemory.map((cards) => cards.length));
  // Round robin: the first card of every memory before the second of any, so a cut at `limit`
  // leaves each memory its closest neighbours.
  for (let rank = 0; rank < longest; rank += 1) {
    for (const cards of cardsPerMemory) {
      const card = cards[rank];
      if (card && !inBatch.has(card.id) && !pool.has(card.id)) pool.set(card.id, card);
    }
  }
  return [...pool.values()].slice(0, limit);
}
