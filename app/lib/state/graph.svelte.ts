import type { Memory, MemoryLibraryDb } from '../db/database.ts';
import { readGraphNodes, readNodeNames, type GraphNode } from '../db/graph-queries.ts';
import { foldName } from '../db/graph.ts';
import { linksBetween, pickNodes, type GraphLink } from './graph-view.ts';

/** How many nodes a phone shows at first, and how many more each "show more" adds. */
export const GRAPH_PAGE = 16;

/**
 * The memory graph on the Pictures page: people, places and themes from the `mentions` store,
 * searchable, the most mentioned first, and the memories of the node the person picked.
 */
export class GraphState {
  #db: MemoryLibraryDb;
  #findMemory: (id: string) => Memory | undefined;
  #nodes = $state.raw<GraphNode[]>([]);
  #names = $state.raw<Record<string, string>>({});
  #loaded = $state(false);
  #query = $state('');
  #limit = $state(GRAPH_PAGE);
  #selectedId = $state<string | undefined>();
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #picked = $derived(pickNodes(this.#nodes, foldName(this.#query), this.#limit));
  #links = $derived(linksBetween(this.#picked.shown));

  constructor(db: MemoryLibraryDb, findMemory: (id: string) => Memory | undefined) {
    this.#db = db;
    this.#findMemory = findMemory;
  }

  get loaded(): boolean {
    return this.#loaded;
  }
  get query(): string {
    return this.#query;
  }
  get shown(): readonly GraphNode[] {
    return this.#picked.shown;
  }
  get links(): readonly GraphLink[] {
    return this.#links;
  }
  /** Whether more nodes match than are shown. */
  get hasMore(): boolean {
    return this.#picked.matching > this.#picked.shown.length;
  }
  get selected(): GraphNode | undefined {
    return this.#nodes.find((node) => node.id === this.#selectedId);
  }
  /** The picked node's memories that are here and not in the Trash, newest first. */
  get selectedMemories(): Memory[] {
    return (this.selected?.entryIds ?? [])
      .map((id) => this.#findMemory(id))
      .filter((memory): memory is Memory => memory !== undefined && !memory.deletedAt)
      .sort((a, b) => b.writtenAtMs - a.writtenAtMs);
  }

  nameOf(node: GraphNode): string {
    return this.#names[node.id] ?? node.key;
  }

  async load(): Promise<void> {
    this.#nodes = await readGraphNodes(this.#db);
    this.#loaded = true;
    await this.#nameShown();
  }

  /**
   * Reads the graph again a moment after the library changed (a memory saved, edited, catalogued
   * by the AI or pulled from another device), keeping the search, the page and the picked node, so
   * the picture stays current while it is on screen. A burst of changes is read once.
   */
  refreshSoon(delayMs = 250): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.load(), delayMs);
  }

  /** Stops a refresh that has not started (the page is leaving). */
  stop(): void {
    clearTimeout(this.#refreshTimer);
  }

  async search(query: string): Promise<void> {
    this.#query = query;
    this.#limit = GRAPH_PAGE;
    await this.#nameShown();
  }

  async showMore(): Promise<void> {
    this.#limit += GRAPH_PAGE;
    await this.#nameShown();
  }

  /** Pick a node (again to let go of it). */
  select(id: string): void {
    this.#selectedId = this.#selectedId === id ? undefined : id;
  }

  /** Names are read only for the nodes on screen, not for the whole graph. */
  async #nameShown(): Promise<void> {
    const missing = this.#picked.shown.filter((node) => !(node.id in this.#names));
    if (missing.length === 0) return;
    const names = await readNodeNames(this.#db, missing);
    this.#names = { ...this.#names, ...Object.fromEntries(names) };
  }
}
