import { byId, systemClock, type Clock } from '../clock.ts';
import type { Memory, MemoryLibraryDb } from '../db/database.ts';
import { ensureLocalDeviceId } from '../db/device-id.ts';
import { clearDraft } from '../db/drafts.ts';
import {
  editMemory,
  listMemories,
  onThisDay,
  restoreRevision,
  saveWrittenMemory,
  writeTables,
  type MemoryChanges,
  type MemoryFields,
} from '../db/memories.ts';

/** How many memories the first screen reads before it shows anything (the rest follow). */
const FIRST_PAGE = 40;

/**
 * The memories on this device (not in the Trash), newest first, as the pages show them. Start-up
 * reads the newest few so the first screen appears at once, then the rest in the background.
 */
export class MemoriesState {
  #db: MemoryLibraryDb;
  #items = $state.raw<Memory[]>([]);
  #byId = $derived(byId(this.#items));
  #loaded = $state(false);
  #complete = $state(false);
  #deviceId: string | undefined;
  #clock: Clock;

  constructor(db: MemoryLibraryDb, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  get items(): readonly Memory[] {
    return this.#items;
  }

  /** True once the first page is read. */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** True once every memory is read (counts, the Library, filters need all). */
  get complete(): boolean {
    return this.#complete;
  }

  /** How many are still waiting for the AI librarian. */
  get queuedCount(): number {
    return this.#items.filter((memory) => memory.librarianStatus === 'queued' && !memory.isPrivate)
      .length;
  }

  /** Every tag in use, most used first. */
  get tags(): string[] {
    const counts: Record<string, number> = {};
    for (const memory of this.#items) {
      for (const tag of memory.tags ?? []) counts[tag] = (counts[tag] ?? 0) + 1;
    }
    return Object.keys(counts).sort((a, b) => counts[b]! - counts[a]!);
  }

  find(id: string): Memory | undefined {
    return this.#byId.get(id);
  }

  async load(): Promise<void> {
    const [first] = await Promise.all([listMemories(this.#db, FIRST_PAGE), this.deviceId()]);
    // Memories saved while the first page loaded are kept.
    if (!this.#loaded) this.#items = first;
    this.#loaded = true;
    if (first.length < FIRST_PAGE) this.#complete = true;
  }

  /** Read everything after the first page (start-up calls this once the first screen is up). */
  async loadAll(): Promise<void> {
    if (this.#complete) return;
    this.#items = await listMemories(this.#db);
    this.#complete = true;
  }

  async deviceId(): Promise<string> {
    this.#deviceId ??= await ensureLocalDeviceId(this.#db.kv);
    return this.#deviceId;
  }

  /**
   * Save a memory written on the Write page, its draft cleared in the same transaction
   * (saveWrittenMemory): after a crash there is either a saved memory and no draft, or the draft
   * and no memory — never both, never neither.
   */
  async save(
    text: string,
    fields: MemoryFields = {},
    now = this.#clock(),
    id?: string,
  ): Promise<Memory> {
    const db = this.#db;
    if (!db.isOpen()) await db.open();
    const deviceId = this.#deviceId ?? (await this.deviceId());
    const memory = await saveWrittenMemory(
      db,
      { text, ...fields, ...(id ? { id } : {}) },
      now,
      deviceId,
    );
    this.#insert(memory);
    return memory;
  }

  /** Edit a memory; the edit's draft (`draftId`), if any, is cleared in the same transaction. */
  async edit(id: string, changes: MemoryChanges, draftId?: string): Promise<Memory> {
    const deviceId = await this.deviceId();
    const db = this.#db;
    const memory = await db.transaction('rw', [...writeTables(db), db.drafts], async () => {
      const edited = await editMemory(db, id, changes, this.#clock(), { deviceId });
      if (draftId !== undefined) await clearDraft(db, draftId);
      return edited;
    });
    this.replace(memory);
    return memory;
  }

  async restoreRevision(id: string, revId: string): Promise<Memory> {
    const deviceId = await this.deviceId();
    const memory = await restoreRevision(this.#db, id, revId, this.#clock(), deviceId);
    this.replace(memory);
    return memory;
  }

  async trash(id: string): Promise<void> {
    // The Trash's code is loaded when first used: the first screen does not need it.
    const { moveToTrash } = await import('../db/trash.ts');
    await moveToTrash(this.#db, id, this.#clock());
    this.#items = this.#items.filter((memory) => memory.id !== id);
  }

  async untrash(id: string): Promise<Memory> {
    const { restoreFromTrash } = await import('../db/trash.ts');
    const memory = await restoreFromTrash(this.#db, id, this.#clock());
    this.#insert(memory);
    return memory;
  }

  /** Memories from today's date in earlier years. */
  async onThisDay(): Promise<Memory[]> {
    return onThisDay(this.#db, this.#clock());
  }

  /** Read everything again (after an import). */
  async reload(): Promise<void> {
    this.#items = await listMemories(this.#db);
    this.#loaded = true;
    this.#complete = true;
  }

  /** Show a newer copy of a memory (after the librarian catalogued it). */
  replace(memory: Memory): void {
    if (memory.deletedAt) {
      this.#items = this.#items.filter((item) => item.id !== memory.id);
      return;
    }
    const index = this.#items.findIndex((item) => item.id === memory.id);
    if (index !== -1 && this.#items[index]!.writtenAtMs === memory.writtenAtMs) {
      this.#items = this.#items.with(index, memory);
      return;
    }
    this.#insert(memory);
  }

  reset(): void {
    this.#items = [];
    this.#loaded = false;
    this.#complete = false;
  }

  #insert(memory: Memory): void {
    const items = this.#items.filter((item) => item.id !== memory.id);
    const at = items.findIndex((item) => item.writtenAtMs < memory.writtenAtMs);
    items.splice(at === -1 ? items.length : at, 0, memory);
    this.#items = items;
  }
}
