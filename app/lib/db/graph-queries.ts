import type { MemoryLibraryDb } from './database.ts';
import type { MentionKind } from './graph-tables.ts';

/** A person, place or theme, and the memories whose cards name it. */
export interface GraphNode {
  /** `kind:key`, unique in the graph. */
  id: string;
  kind: MentionKind;
  /** The folded name (what search matches). */
  key: string;
  entryIds: string[];
}

/**
 * Every node of the memory graph with its memories, read from the `[kind+key+entryId]` index keys
 * alone: no row is opened, so the whole graph of a large library reads in one cursor pass.
 */
export async function readGraphNodes(db: MemoryLibraryDb): Promise<GraphNode[]> {
  const links = (await db.mentions.orderBy('[kind+key+entryId]').primaryKeys()) as [
    MentionKind,
    string,
    string,
  ][];
  const nodes: GraphNode[] = [];
  let last: GraphNode | undefined;
  // The keys arrive sorted, so one node's links are next to each other.
  for (const [kind, key, entryId] of links) {
    if (last?.kind !== kind || last.key !== key) {
      last = { id: `${kind}:${key}`, kind, key, entryIds: [] };
      nodes.push(last);
    }
    last.entryIds.push(entryId);
  }
  return nodes;
}

/** Each node's name as one of its memories' cards wrote it (one row read per node), by node id. */
export async function readNodeNames(
  db: MemoryLibraryDb,
  nodes: readonly GraphNode[],
): Promise<Map<string, string>> {
  const rows = await db.mentions.bulkGet(
    nodes.map((node): [string, string, string] => [node.kind, node.key, node.entryIds[0] ?? '']),
  );
  return new Map(nodes.map((node, index) => [node.id, rows[index]?.name ?? node.key]));
}
