import { systemClock, type Clock } from '../clock.ts';
import type { Memory, MemoryLibraryDb } from '../db/database.ts';
import { clearDraft } from '../db/drafts.ts';
import { listMemories, saveMemory } from '../db/memories.ts';

/** The memories on this device, newest first, as the pages show them. */
export class MemoriesState {
  #db: MemoryLibraryDb;
  #items = $state.raw<Memory[]>([]);
  #loaded = $state(false);

  #clock: Clock;

  constructor(db: MemoryLibraryDb, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  get items(): readonly Memory[] {
    return this.#items;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** How many are still waiting for the AI librarian. */
  get queuedCount(): number {
    return this.#items.filter((memory) => memory.librarianStatus === 'queued').length;
  }

  async load(): Promise<void> {
    this.#items = await listMemories(this.#db);
    this.#loaded = true;
  }

  /**
   * Save a memory written on the Write page. The memory, its librarian-queue item and clearing the
   * draft are one transaction: after a crash there is either a saved memory and no draft, or the
   * draft and no memory — never both, never neither.
   */
  async save(text: string, now = this.#clock()): Promise<Memory> {
    const db = this.#db;
    const memory = await db.transaction(
      'rw',
      [db.memories, db.librarianQueue, db.drafts],
      async () => {
        const saved = await saveMemory(db, { text }, now);
        await clearDraft(db);
        return saved;
      },
    );
    this.#insert(memory);
    return memory;
  }

  /** Show a newer copy of a memory (after the librarian catalogued it). */
  replace(memory: Memory): void {
    const index = this.#items.findIndex((item) => item.id === memory.id);
    if (index === -1) {
      this.#insert(memory);
      return;
    }
    this.#items = this.#items.with(index, memory);
  }

  reset(): void {
    this.#items = [];
    this.#loaded = false;
  }

  #insert(memory: Memory): void {
    const items = this.#items.filter((item) => item.id !== memory.id);
    const at = items.findIndex((item) => item.writtenAtMs < memory.writtenAtMs);
    items.splice(at === -1 ? items.length : at, 0, memory);
    this.#items = items;
  }
}
