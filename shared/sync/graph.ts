/**
 * The revision graph of one entry (SYNC-11, SYNC-12): a revision's parents are `parentRevId`
 * plus `mergedRevIds`; heads are revisions no other revision names as a parent. Order is by
 * (hlc, revId), which every device computes the same way.
 */

export interface GraphNode {
  revId: string;
  parentRevId: string | null;
  mergedRevIds?: string[];
  hlc: string;
}

export function parentsOf(node: GraphNode): string[] {
  const parents = node.parentRevId === null ? [] : [node.parentRevId];
  return node.mergedRevIds ? [...parents, ...node.mergedRevIds] : parents;
}

export function compareNodes(a: GraphNode, b: GraphNode): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.revId < b.revId ? -1 : a.revId > b.revId ? 1 : 0;
}

/** Heads in (hlc, revId) order. */
export function headsOf<Node extends GraphNode>(nodes: Iterable<Node>): Node[] {
  const all = [...nodes];
  const named = new Set<string>();
  for (const node of all) for (const parent of parentsOf(node)) named.add(parent);
  return all.filter((node) => !named.has(node.revId)).sort(compareNodes);
}

/** `revId` and everything it descends from that is present in `byId`. */
export function ancestorsOf(revId: string, byId: ReadonlyMap<string, GraphNode>): Set<string> {
  const seen = new Set<string>();
  const stack = [revId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    const node = byId.get(id);
    if (!node) continue;
    seen.add(id);
    stack.push(...parentsOf(node));
  }
  return seen;
}

/**
 * The merge base of two revisions: their latest common ancestor by (hlc, revId). A child's HLC
 * is after its parents' (SYNC-3), so the latest one has no common ancestor below it. Null when
 * they share none (a parent not yet pulled): the merge then treats the base as empty.
 */
export function mergeBase<Node extends GraphNode>(
  a: string,
  b: string,
  byId: ReadonlyMap<string, Node>,
): Node | null {
  const fromA = ancestorsOf(a, byId);
  let best: Node | null = null;
  for (const id of ancestorsOf(b, byId)) {
    if (!fromA.has(id)) continue;
    const node = byId.get(id) as Node;
    if (!best || compareNodes(node, best) > 0) best = node;
  }
  return best;
}
