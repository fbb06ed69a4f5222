import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../db/graph-queries.ts';
import { linksBetween, pickNodes } from './graph-view.ts';

const node = (kind: GraphNode['kind'], key: string, entryIds: string[]): GraphNode => ({
  id: `${kind}:${key}`,
  kind,
  key,
  entryIds,
});

const nodes = [
  node('place', 'suzhou', ['a']),
  node('person', 'lin', ['a', 'b', 'c']),
  node('person', 'grandma', ['b', 'c']),
  node('theme', 'tea', ['d']),
];

describe('what the memory graph shows', () => {
  it('the most mentioned first, at most the limit, and how many match', () => {
    const { shown, matching } = pickNodes(nodes, '', 2);
    expect(shown.map((item) => item.id)).toEqual(['person:lin', 'person:grandma']);
    expect(matching).toBe(4);
  });

  it('search keeps the nodes whose folded name contains the query', () => {
    expect(pickNodes(nodes, 'zh', 10).shown.map((item) => item.id)).toEqual(['place:suzhou']);
    expect(pickNodes(nodes, 'nobody', 10)).toEqual({ shown: [], matching: 0 });
  });

  it('links nodes that share memories, weighted by how many', () => {
    expect(linksBetween(nodes)).toEqual([
      { source: 'place:suzhou', target: 'person:lin', shared: 1 },
      { source: 'person:lin', target: 'person:grandma', shared: 2 },
    ]);
  });
});
