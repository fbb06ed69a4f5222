import { EMPTY_DRAFT_FIELDS, type DraftFields, type MemoryLibraryDb } from '../db/database.ts';
import { systemClock, type Clock } from '../clock.ts';
import { clearDraft, loadDraft, saveDraft, WRITE_DRAFT_ID } from '../db/drafts.ts';

/**
 * Words being written, kept in IndexedDB while the person types: ~500 ms after the last
 * keystroke, and at once when the page is hidden (switching apps, locking the phone) or an update
 * is about to reload it. A crash loses at most the last half second. The Write page has one
 * (`write`); editing a memory has its own (`edit:<id>`).
 */
export class DraftState {
  #db: MemoryLibraryDb;
  #id: string;
  #delayMs: number;
  #clock: Clock;
  #text = $state('');
  #fields = $state<DraftFields>({ ...EMPTY_DRAFT_FIELDS });
  #restored = $state(false);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dirty = false;
  #writing: Promise<void> = Promise.resolve();

  constructor(db: MemoryLibraryDb, options: { delayMs?: number; clock?: Clock; id?: string } = {}) {
    this.#db = db;
    this.#id = options.id ?? WRITE_DRAFT_ID;
    this.#delayMs = options.delayMs ?? 500;
    this.#clock = options.clock ?? systemClock;
  }

  get text(): string {
    return this.#text;
  }

  /** The details (date, mood, tags, private) chosen so far. */
  get fields(): DraftFields {
    return this.#fields;
  }

  /** Change some details; autosaved like the text. */
  setFields(changes: Partial<DraftFields>): void {
    this.#fields = { ...this.#fields, ...changes };
    this.#changed();
  }

  /** True when the text on screen was brought back from an earlier session. */
  get restored(): boolean {
    return this.#restored;
  }

  get isBlank(): boolean {
    return this.#text.trim().length === 0;
  }

  /** Bring back the draft of an earlier session, unless the person has already started typing. */
  async load(): Promise<void> {
    const draft = await loadDraft(this.#db, this.#id);
    if (draft && this.#text === '') {
      this.#text = draft.text;
      this.#fields = { ...EMPTY_DRAFT_FIELDS, ...draft.fields };
      this.#restored = draft.text !== '';
    }
  }

  /**
   * Words typed before the saved draft was read (the Write page paints before IndexedDB answers):
   * they follow the restored words, so neither is lost.
   */
  keepTypedBeforeLoad(typed: string): void {
    const restored = this.#text;
    this.setText(restored === '' ? typed : `${restored}\n\n${typed}`);
    this.#restored = restored !== '';
    // Kept outside IndexedDB until now: into the draft at once, not half a second later.
    void this.flush();
  }

  /** Start from words already kept elsewhere (a memory being edited): nothing to save yet. */
  start(text: string, fields: DraftFields): void {
    this.cancelAutosave();
    this.#text = text;
    this.#fields = { ...fields };
    this.#restored = false;
  }

  setText(text: string): void {
    this.#text = text;
    this.#restored = false;
    this.#changed();
  }

  #changed(): void {
    this.#dirty = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
  }

  /** Write the draft now if it changed; resolves when it is on disk. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#dirty) {
      this.#dirty = false;
      const text = this.#text;
      const fields = this.#fields;
      // Chain writes so an older text can never land after a newer one.
      this.#writing = this.#writing
        .catch(() => undefined)
        .then(() => saveDraft(this.#db, text, this.#clock(), this.#id, fields));
    }
    await this.#writing;
  }

  /** Stop a pending autosave: the text is about to be saved as a memory. */
  cancelAutosave(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dirty = false;
  }

  /** Wait for autosaves already started, so they cannot land after a save clears the draft. */
  async settled(): Promise<void> {
    await this.#writing.catch(() => undefined);
  }

  /**
   * `savedText` was saved as a memory (which cleared the stored draft in the same transaction).
   * Anything typed while the save ran stays on screen and becomes the new draft.
   */
  saved(savedText: string): void {
    this.cancelAutosave();
    this.#restored = false;
    if (this.#text === savedText) {
      this.#text = '';
      this.#fields = { ...EMPTY_DRAFT_FIELDS };
    } else {
      this.#dirty = true;
      void this.flush().catch(() => undefined);
    }
  }

  /** A save failed: keep the words on screen and make sure they are kept as a draft. */
  saveFailed(): void {
    this.#dirty = true;
    void this.flush().catch(() => undefined);
  }

  /** The person let these words go (Cancel): forget them here and on disk. */
  async discard(): Promise<void> {
    this.reset();
    await this.settled();
    await clearDraft(this.#db, this.#id);
  }

  reset(): void {
    this.cancelAutosave();
    this.#text = '';
    this.#fields = { ...EMPTY_DRAFT_FIELDS };
    this.#restored = false;
  }
}
