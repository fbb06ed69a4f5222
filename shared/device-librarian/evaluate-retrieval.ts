import { createMemoryIndex } from './memory-index.ts';
import { findRelated } from './related.ts';
import { findPeople, findPlaces } from './entities.ts';

export interface LabelledMemory {
  id: string;
  group: string;
  text: string;
  writtenAt: string;
}

/**
 * Recall@k of on-device retrieval over a labelled set: for each memory, the share of the other
 * memories in its group found among its k nearest, averaged over all memories.
 */
export async function recallAtK(memories: readonly LabelledMemory[], k = 5): Promise<number> {
  const index = createMemoryIndex(
    memories.map((memory) => ({
      id: memory.id,
      text: memory.text,
      at: Date.parse(memory.writtenAt),
    })),
  );
  const facets = new Map(
    memories.map((memory) => [
      memory.id,
      { people: findPeople(memory.text), places: findPlaces(memory.text), themes: [] },
    ]),
  );
  let total = 0;
  for (const memory of memories) {
    const related = await findRelated(memory.text, index, {
      excludeId: memory.id,
      limit: k,
      facets: facets.get(memory.id),
      facetsOf: (id) => facets.get(id),
    });
    const expected = memories.filter(
      (other) => other.group === memory.group && other.id !== memory.id,
    );
    const found = related.filter((candidate) =>
      expected.some((other) => other.id === candidate.entryId),
    );
    total += expected.length === 0 ? 1 : found.length / Math.min(k, expected.length);
  }
  return total / memories.length;
}
