import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogResult } from '#shared/librarian';
import { createDatabase, type Memory, type MemoryLibraryDb } from '../db/database.ts';
import { attachLibrarianResult, saveMemory } from '../db/memories.ts';
import { GRAPH_PAGE, GraphState } from './graph.svelte.ts';
import { testCard, testResult } from '../testing/librarian-results.ts';

const now = new Date('2025-03-01T13:00:00.000Z');

function result(entryId: string, people: string[]): CatalogResult {
  return testResult(entryId, { catalog: testCard({ hall: 'friends', shelf: 'friends', people }) });
}

let db: MemoryLibraryDb;
const memories = new Map<string, Memory>();
beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
  memories.clear();
});
afterEach(async () => {
  await db.delete();
});

async function remember(text: string, people: string[], at: string): Promise<Memory> {
  const saved = await saveMemory(db, { text, writtenAt: at }, now);
  const memory = (await attachLibrarianResult(db, saved.id, result(saved.id, people), now))!;
  memories.set(memory.id, memory);
  return memory;
}

describe('the memory graph on the Pictures page', () => {
  it('shows the most mentioned first with names as written, and a picked node’s memories', async () => {
    const older = await remember('Tea with Lin.', ['Lin'], '2025-01-01T10:00:00+08:00');
    const newer = await remember('Lin and Sam.', ['Lin', 'Sam'], '2025-02-01T10:00:00+08:00');
    const graph = new GraphState(db, (id) => memories.get(id));
    await graph.load();

    expect(graph.shown.map((node) => graph.nameOf(node))).toEqual(['Lin', 'Sam']);
    expect(graph.links).toEqual([{ source: 'person:lin', target: 'person:sam', shared: 1 }]);
    graph.select('person:lin');
    expect(graph.selectedMemories.map((memory) => memory.id)).toEqual([newer.id, older.id]);
    graph.select('person:lin');
    expect(graph.selected).toBeUndefined();
  });

  it('searches every node, and shows more a page at a time', async () => {
    const people = Array.from({ length: GRAPH_PAGE + 4 }, (_, index) => `Friend ${index}`);
    await remember('A crowd.', people, '2025-01-01T10:00:00+08:00');
    const graph = new GraphState(db, (id) => memories.get(id));
    await graph.load();
    expect(graph.shown).toHaveLength(GRAPH_PAGE);
    expect(graph.hasMore).toBe(true);
    await graph.showMore();
    expect(graph.shown).toHaveLength(GRAPH_PAGE + 4);
    expect(graph.hasMore).toBe(false);

    await graph.search('FRIEND 1');
    // "friend 1", "friend 10" … "friend 19", each with its name as written.
    expect(graph.shown.map((node) => graph.nameOf(node)).sort()).toEqual(
      people.filter((name) => name.startsWith('Friend 1')).sort(),
    );
  });

  it('reads the library again after changes, once for a burst, keeping the search and the pick', async () => {
    await remember('Tea with Lin.', ['Lin'], '2025-01-01T10:00:00+08:00');
    const graph = new GraphState(db, (id) => memories.get(id));
    await graph.load();
    await graph.search('l');
    graph.select('person:lin');
    await remember('Lena and Lin by the lake.', ['Lena', 'Lin'], '2025-02-01T10:00:00+08:00');
    expect(graph.shown.map((node) => graph.nameOf(node))).toEqual(['Lin']);

    const loads = vi.spyOn(graph, 'load');
    graph.refreshSoon(5);
    graph.refreshSoon(5);
    await vi.waitFor(() =>
      expect(graph.shown.map((node) => graph.nameOf(node))).toEqual(['Lin', 'Lena']),
    );
    expect(loads).toHaveBeenCalledTimes(1);
    expect(graph.query).toBe('l');
    expect(graph.selected?.entryIds).toHaveLength(2);

    // Stopped before it fired: the page has left, nothing is read.
    await remember('Lou and Lin.', ['Lou', 'Lin'], '2025-03-01T10:00:00+08:00');
    graph.refreshSoon(5);
    graph.stop();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(graph.shown.map((node) => graph.nameOf(node))).toEqual(['Lin', 'Lena']);
  });
});
