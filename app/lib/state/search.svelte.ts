import { byId } from '../clock.ts';
import type { HallId } from '#shared/hall-data';
import type { MoodId } from '#shared/moods';
import type { Memory, MemoryLibraryDb } from '../db/database.ts';
import { searchIndex } from '../db/search-query.ts';
import type { MemoriesState } from './memories.svelte.ts';

export interface SearchFilters {
  /** `YYYY-MM-DD`, inclusive, in the writer's own dates; '' for no bound. */
  from: string;
  to: string;
  mood: MoodId | '';
  tag: string;
  hall: HallId | '';
}

export const NO_FILTERS: SearchFilters = { from: '', to: '', mood: '', tag: '', hall: '' };

export function hasFilters(filters: SearchFilters): boolean {
  return Object.values(filters).some((value) => value !== '');
}

export function matchesFilters(memory: Memory, filters: SearchFilters): boolean {
  const day = memory.writtenAt.slice(0, 10);
  if (filters.from && day < filters.from) return false;
  if (filters.to && day > filters.to) return false;
  if (filters.mood && memory.mood !== filters.mood) return false;
  if (filters.tag && !memory.tags.includes(filters.tag)) return false;
  if (filters.hall && memory.catalog?.hall !== filters.hall) return false;
  return true;
}

/**
 * The Search page: the query and filters, and the memories that match, best first. Searching
 * reads the index in IndexedDB; filters apply to what it found (or, with no words, to every
 * memory, newest first).
 */
export class SearchState {
  #db: MemoryLibraryDb;
  #memories: MemoriesState;
  #query = $state('');
  #filters = $state<SearchFilters>({ ...NO_FILTERS });
  #results = $state.raw<Memory[]>([]);
  #searched = $state(false);
  #run = 0;

  constructor(db: MemoryLibraryDb, memories: MemoriesState) {
    this.#db = db;
    this.#memories = memories;
  }

  get query(): string {
    return this.#query;
  }

  get filters(): SearchFilters {
    return this.#filters;
  }

  get results(): readonly Memory[] {
    return this.#results;
  }

  /** True when there is something to search for (words or a filter). */
  get active(): boolean {
    return this.#query.trim() !== '' || hasFilters(this.#filters);
  }

  /** True once the current query has an answer. */
  get searched(): boolean {
    return this.#searched;
  }

  setQuery(query: string): Promise<void> {
    this.#query = query;
    return this.search();
  }

  setFilters(changes: Partial<SearchFilters>): Promise<void> {
    this.#filters = { ...this.#filters, ...changes };
    return this.search();
  }

  clearFilters(): Promise<void> {
    this.#filters = { ...NO_FILTERS };
    return this.search();
  }

  async search(): Promise<void> {
    const run = ++this.#run;
    const query = this.#query;
    const filters = this.#filters;
    this.#searched = false;
    let found: Memory[];
    if (query.trim() === '') {
      found = hasFilters(filters)
        ? this.#memories.items.filter((memory) => matchesFilters(memory, filters))
        : [];
    } else {
      const ranked = await searchIndex(this.#db, query);
      const memories = await this.#lookup(ranked.map((result) => result.entryId));
      found = memories.filter((memory) => matchesFilters(memory, filters));
    }
    // A newer search started meanwhile: its answer wins.
    if (run !== this.#run) return;
    this.#results = found;
    this.#searched = true;
  }

  async #lookup(ids: string[]): Promise<Memory[]> {
    const known = ids.map((id) => this.#memories.find(id));
    const missing = ids.filter((_, index) => known[index] === undefined);
    if (missing.length === 0) return known as Memory[];
    const read = byId(
      (await this.#db.memories.bulkGet(missing)).filter(
        (memory): memory is Memory => memory !== undefined,
      ),
    );
    return ids
      .map((id, index) => known[index] ?? read.get(id))
      .filter((memory): memory is Memory => memory !== undefined && !memory.deletedAt);
  }
}
