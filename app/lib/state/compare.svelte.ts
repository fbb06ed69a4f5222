import type { CompareItem } from '#shared/compare';
import type { RelatedCard } from '#shared/librarian';
import type { ModelInfo } from '#shared/models';
import type { ApiClient } from '../api/client.ts';
import type { ApiError } from '../api/result.ts';
import { systemClock, type Clock } from '../clock.ts';
import { latestComparisonFor, saveComparison } from '../db/comparisons.ts';
import type { Memory, MemoryLibraryDb } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { digestForRequest } from '../notebook/lazy.ts';
import { attachLibrarianResult } from '../db/memories.ts';
import { entryForLibrarian } from '../librarian/entry.ts';
import type { AppState } from './app.svelte.ts';
import type { DeviceState } from './device.svelte.ts';

export const MIN_MODELS = 2;
export const MAX_MODELS = 4;

export interface CompareDeps {
  db: MemoryLibraryDb;
  api: ApiClient;
  device: DeviceState;
  /** The memory as the app shows it now. */
  findMemory: (id: string) => Memory | undefined;
  onMemoryUpdated: (memory: Memory) => void;
  /** Compact cards of related memories, sent as with a catalog request. */
  relatedCards: (memory: Memory) => Promise<RelatedCard[]>;
  clock?: Clock;
}

/**
 * The Compare page: one memory to 2–4 allowed models at once, their replies side by side, and the
 * one the person keeps — recorded, and attached to the memory as its librarian's reply and card.
 */
export class CompareState {
  #deps: CompareDeps;
  #models = $state.raw<ModelInfo[] | undefined>();
  #selected = $state.raw<string[]>([]);
  #entryId = $state('');
  #running = $state(false);
  #results = $state.raw<CompareItem[] | undefined>();
  #comparisonId = '';
  #keptModel = $state<string | undefined>();
  #keptBefore = $state<string | undefined>();
  #error = $state<ApiError | undefined>();

  constructor(deps: CompareDeps) {
    this.#deps = deps;
  }

  get models(): readonly ModelInfo[] | undefined {
    return this.#models;
  }
  get selected(): readonly string[] {
    return this.#selected;
  }
  get entryId(): string {
    return this.#entryId;
  }
  get running(): boolean {
    return this.#running;
  }
  get results(): readonly CompareItem[] | undefined {
    return this.#results;
  }
  /** The model whose reply was kept in this comparison. */
  get keptModel(): string | undefined {
    return this.#keptModel;
  }
  /** The model kept the last time this memory was compared. */
  get keptBefore(): string | undefined {
    return this.#keptBefore;
  }
  get error(): ApiError | undefined {
    return this.#error;
  }
  get canRun(): boolean {
    const count = this.#selected.length;
    return !this.#running && this.#entryId !== '' && count >= MIN_MODELS && count <= MAX_MODELS;
  }

  /** The allowlist; the first two (the default first) are chosen to begin with. */
  async loadModels(): Promise<void> {
    const result = await this.#deps.device.withToken((token) => this.#deps.api.listModels(token));
    if (!result.ok) {
      this.#error = result.error;
      return;
    }
    this.#error = undefined;
    this.#models = result.data.models;
    if (this.#selected.length === 0) {
      this.#selected = result.data.models.slice(0, MIN_MODELS).map((model) => model.id);
    }
  }

  async chooseMemory(id: string): Promise<void> {
    if (id === this.#entryId) return;
    this.#entryId = id;
    this.#results = undefined;
    this.#keptModel = undefined;
    this.#keptBefore = (await latestComparisonFor(this.#deps.db, id))?.chosenModel;
  }

  toggleModel(id: string, isOn: boolean): void {
    const without = this.#selected.filter((model) => model !== id);
    this.#selected = isOn && without.length < MAX_MODELS ? [...without, id] : without;
  }

  async run(): Promise<void> {
    const memory = this.#deps.findMemory(this.#entryId);
    if (!memory || memory.isPrivate || !this.canRun) return;
    this.#running = true;
    this.#error = undefined;
    this.#results = undefined;
    this.#keptModel = undefined;
    const [related, digest] = await Promise.all([
      this.#deps.relatedCards(memory).catch((): RelatedCard[] => []),
      digestForRequest(this.#deps.db),
    ]);
    const models = [...this.#selected];
    const result = await this.#deps.device.withToken((token) =>
      this.#deps.api.compare(
        {
          entry: entryForLibrarian(memory),
          related,
          notebook: digest.notebook,
          corrections: digest.corrections,
          models,
        },
        token,
      ),
    );
    this.#running = false;
    if (!result.ok) {
      this.#error = result.error;
      return;
    }
    this.#comparisonId = newId();
    this.#results = result.data.results;
  }

  /** Keep one model's reply: record the choice and give the memory that reply and card. */
  async keep(model: string): Promise<boolean> {
    const item = this.#results?.find((candidate) => candidate.model === model);
    if (!item?.ok || !item.result) return false;
    const { db } = this.#deps;
    const now = (this.#deps.clock ?? systemClock)();
    await saveComparison(db, {
      id: this.#comparisonId,
      entryId: this.#entryId,
      decidedAt: now.toISOString(),
      chosenModel: model,
      results: [...(this.#results ?? [])],
    });
    const updated = await attachLibrarianResult(db, this.#entryId, item.result, now);
    if (updated) this.#deps.onMemoryUpdated(updated);
    this.#keptModel = model;
    this.#keptBefore = model;
    return true;
  }
}

/** The state of one visit to the Compare page, wired to the app's (kept out of the first screen). */
export function createCompare(app: AppState): CompareState {
  return new CompareState({
    db: app.db,
    api: app.api,
    device: app.device,
    findMemory: (id) => app.memories.find(id),
    onMemoryUpdated: (memory) => app.memories.replace(memory),
    relatedCards: (memory) => app.relatedCards(memory),
  });
}
