import type { GraphLink } from '$lib/state/graph-view';

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  r: number;
}

/** A node's radius grows with the square root of its memories, so area tracks the count. */
export function radiusOf(count: number): number {
  return 6 + 4 * Math.sqrt(count);
}

/**
 * Places the nodes with d3-force (loaded here, on first use): linked nodes pull together, all
 * push apart, and a gentle pull to the centre keeps the picture compact for a phone. Run to rest
 * at once rather than animated: the picture is still when it appears, and motion costs battery.
 */
export async function layoutGraph(
  nodes: readonly { id: string; count: number }[],
  links: readonly GraphLink[],
): Promise<PlacedNode[]> {
  const { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } =
    await import('d3-force');
  const placed = nodes.map((node) => ({ id: node.id, r: radiusOf(node.count), x: 0, y: 0 }));
  type Placed = (typeof placed)[number];
  const simulation = forceSimulation<Placed>(placed)
    .force(
      'link',
      forceLink<Placed, { source: string; target: string }>(
        links.map(({ source, target }) => ({ source, target })),
      )
        .id((node) => node.id)
        .distance(80),
    )
    .force('charge', forceManyBody().strength(-180))
    // Room for the label under each circle.
    .force(
      'collide',
      forceCollide<Placed>((node) => node.r + 22),
    )
    .force('x', forceX(0).strength(0.05))
    .force('y', forceY(0).strength(0.12))
    .stop();
  simulation.tick(300);
  return placed.map(({ id, x, y, r }) => ({ id, x, y, r }));
}
