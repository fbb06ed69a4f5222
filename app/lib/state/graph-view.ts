import type { GraphNode } from '../db/graph-queries.ts';

/** A line between two shown nodes: how many memories name both. */
export interface GraphLink {
  source: string;
  target: string;
  shared: number;
}

/**
 * The nodes to draw: those whose folded name contains the folded query (all when it is empty),
 * the most mentioned first, at most `limit` (a phone cannot show a whole library's graph).
 */
export function pickNodes(
  nodes: readonly GraphNode[],
  foldedQuery: string,
  limit: number,
): { shown: GraphNode[]; matching: number } {
  const matching = foldedQuery ? nodes.filter((node) => node.key.includes(foldedQuery)) : nodes;
  const shown = [...matching]
    .sort((a, b) => b.entryIds.length - a.entryIds.length || a.id.localeCompare(b.id))
    .slice(0, limit);
  return { shown, matching: matching.length };
}

/** Links between the shown nodes that share memories. */
export function linksBetween(nodes: readonly GraphNode[]): GraphLink[] {
  const links: GraphLink[] = [];
  const sets = nodes.map((node) => new Set(node.entryIds));
  for (let i = 0; i < nodes.length; i += 1) {
    for (let j = i + 1; j < nodes.length; j += 1) {
      const shared = nodes[j]!.entryIds.filter((id) => sets[i]!.has(id)).length;
      if (shared > 0) links.push({ source: nodes[i]!.id, target: nodes[j]!.id, shared });
    }
  }
  return links;
}
