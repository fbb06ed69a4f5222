import { systemClock, type Clock } from '../clock.ts';
import type { Memory } from '../db/database.ts';
import { moveMemory, reshelveShelf } from '../notebook/reshelve.ts';
import type { Placement } from '../notebook/shelf-marks.ts';
import type { AppState } from './app.svelte.ts';

/**
 * The person's corrections from the memory and Library pages: move one memory, rename a shelf,
 * merge one shelf into another. The lists follow at once; the corrections go with the next
 * request to the AI librarian.
 */
export class ShelvingState {
  #app: AppState;
  #clock: Clock;

  constructor(app: AppState, clock: Clock = systemClock) {
    this.#app = app;
    this.#clock = clock;
  }

  /** Throws InvalidShelfError for an empty or too long shelf name. */
  async move(id: string, to: Placement): Promise<Memory> {
    const moved = await moveMemory(this.#app.db, id, to, this.#clock());
    this.#app.memories.replace(moved);
    return moved;
  }

  async rename(from: Placement, name: string): Promise<void> {
    const to = { hall: from.hall, shelf: name };
    this.#show(await reshelveShelf(this.#app.db, 'rename-shelf', from, to, this.#clock()));
  }

  async merge(from: Placement, into: Placement): Promise<void> {
    this.#show(await reshelveShelf(this.#app.db, 'merge-shelves', from, into, this.#clock()));
  }

  #show(memories: readonly Memory[]): void {
    for (const memory of memories) this.#app.memories.replace(memory);
  }
}
