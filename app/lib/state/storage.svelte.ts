import type { MemoryLibraryDb } from '../db/database.ts';

const ASKED_KEY = 'persistRequested';

/**
 * Whether the browser keeps this library even when space runs low (`navigator.storage.persist()`),
 * and how much space it uses. Asked once, after the first memory is saved; shown in Settings.
 */
export class StorageState {
  #db: MemoryLibraryDb;
  #persisted = $state<boolean | undefined>();
  #usage = $state<number | undefined>();
  #quota = $state<number | undefined>();

  constructor(db: MemoryLibraryDb) {
    this.#db = db;
  }

  /** undefined: this browser cannot tell (or keep) it. */
  get persisted(): boolean | undefined {
    return this.#persisted;
  }

  get usage(): number | undefined {
    return this.#usage;
  }

  get quota(): number | undefined {
    return this.#quota;
  }

  get supported(): boolean {
    return typeof navigator !== 'undefined' && typeof navigator.storage?.persist === 'function';
  }

  async refresh(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage) return;
    try {
      if (storage.persisted) this.#persisted = await storage.persisted();
      if (storage.estimate) {
        const estimate = await storage.estimate();
        this.#usage = estimate.usage;
        this.#quota = estimate.quota;
      }
    } catch {
      // Some browsers refuse in private windows: leave the values unknown.
    }
  }

  /** Ask the browser to keep everything; returns whether it agreed. */
  async requestPersist(): Promise<boolean> {
    if (!this.supported) return false;
    try {
      this.#persisted = await navigator.storage.persist();
      await this.#db.kv.put({ key: ASKED_KEY, value: true });
    } catch {
      this.#persisted = false;
    }
    await this.refresh();
    return this.#persisted ?? false;
  }

  /** After a memory was saved: ask once, the first time there is something worth keeping. */
  async memorySaved(): Promise<void> {
    if (this.#persisted || !this.supported) return;
    const asked = (await this.#db.kv.get(ASKED_KEY))?.value === true;
    if (!asked) await this.requestPersist();
    else await this.refresh();
  }
}
