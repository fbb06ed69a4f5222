import { dateOf } from '../clock.ts';
import { toLocalIsoString } from '#shared/local-time';
import { parseTags } from '#shared/moods';
import type { DraftFields, Memory, Revision } from '../db/database.ts';
import { editDraftId } from '../db/drafts.ts';
import { getMemory, listRevisions } from '../db/memories.ts';
import type { RelatedEntry } from '../librarian/device-librarian.ts';
import type { AppState } from './app.svelte.ts';
import { DraftState } from './draft.svelte.ts';

/**
 * One memory's page: the memory, its history, related memories, and the edits made there. Every
 * change goes through MemoriesState so the timeline and search follow at once. An edit in
 * progress is kept as a draft of its own, so a reload or a crash brings it back.
 */
export class MemoryView {
  #app: AppState;
  #id: string;
  #memory = $state.raw<Memory | undefined>();
  #revisions = $state.raw<Revision[]>([]);
  #related = $state.raw<RelatedEntry[]>([]);
  #versions = $state.raw<{ revId: string; text: string }[]>([]);
  #loaded = $state(false);
  #editing = $state(false);
  /** The edit's words and details as typed, autosaved. */
  readonly edit: DraftState;
  #shownHead: string | undefined;

  constructor(app: AppState, id: string) {
    this.#app = app;
    this.#id = id;
    this.edit = new DraftState(app.db, { id: editDraftId(id) });
  }

  /** True while the edit form is open. */
  get editing(): boolean {
    return this.#editing;
  }

  /** The live copy when the list has it (the librarian may update it), else the one read here. */
  get memory(): Memory | undefined {
    return this.#app.memories.find(this.#id) ?? this.#memory;
  }

  get revisions(): readonly Revision[] {
    return this.#revisions;
  }

  /** Related memories with what they share (the "why"), best first. */
  get related(): readonly RelatedEntry[] {
    return this.#related;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** While the heads changed the same lines: every head's text, to choose or combine (SYNC-12). */
  get versions(): readonly { revId: string; text: string }[] {
    return this.memory?.hasConflict ? this.#versions : [];
  }

  /** Another device's changes arrived (a new head): read the history and versions again. */
  async followHead(): Promise<void> {
    const head = this.memory?.headRevIds?.join() ?? this.memory?.headRevId;
    if (!this.#loaded || head === this.#shownHead) return;
    await this.#refresh();
  }

  /** Keep one version, or a combination: a revision closing every head (SYNC-12). */
  async resolve(text: string): Promise<void> {
    this.#memory = await this.#app.memories.edit(this.#id, { text });
    if (!this.#memory.isPrivate) void this.#app.librarian.flush();
    await this.#refresh();
  }

  async load(): Promise<void> {
    const { db } = this.#app;
    const [memory] = await Promise.all([getMemory(db, this.#id), this.edit.load()]);
    this.#memory = memory;
    // An edit left unsaved by a reload or a crash: reopen it with its words.
    if (memory && this.edit.restored) this.#editing = true;
    this.#loaded = true;
    await this.#refresh();
  }

  /** The memory's details as the edit form shows them. */
  fieldsOf(memory: Memory): DraftFields {
    return {
      when: memory.writtenAt.slice(0, 16),
      mood: memory.mood,
      tags: memory.tags.join(', '),
      isPrivate: memory.isPrivate,
    };
  }

  /** Open the edit form on the memory as it is now. */
  startEditing(): void {
    const memory = this.memory;
    if (!memory) return;
    this.edit.start(memory.text, this.fieldsOf(memory));
    this.#editing = true;
  }

  /** Close the edit form, letting its words go. */
  async cancelEditing(): Promise<void> {
    this.#editing = false;
    await this.edit.discard();
  }

  /**
   * Save the edit as a new revision (its draft cleared in the same transaction); on failure the
   * words stay on screen and in the draft. `when` unchanged keeps the original offset.
   */
  async save(): Promise<void> {
    const memory = this.memory;
    if (!memory) return;
    const { text, fields } = this.edit;
    const writtenAt =
      fields.when === this.fieldsOf(memory).when || fields.when === ''
        ? undefined
        : toLocalIsoString(dateOf(fields.when));
    // An autosave already started must land before the save clears the draft.
    this.edit.cancelAutosave();
    await this.edit.settled();
    try {
      this.#memory = await this.#app.memories.edit(
        this.#id,
        {
          text,
          mood: fields.mood,
          tags: parseTags(fields.tags),
          isPrivate: fields.isPrivate,
          ...(writtenAt ? { writtenAt } : {}),
        },
        editDraftId(this.#id),
      );
    } catch (error) {
      this.edit.saveFailed();
      throw error;
    }
    this.edit.saved(text);
    // Words typed while the save ran stay open as the next edit.
    if (this.edit.text === '') this.#editing = false;
    if (!this.#memory.isPrivate) void this.#app.librarian.flush();
    await this.#refresh();
  }

  async restore(revId: string): Promise<void> {
    this.#memory = await this.#app.memories.restoreRevision(this.#id, revId);
    void this.#app.librarian.flush();
    await this.#refresh();
  }

  async trash(): Promise<void> {
    await this.#app.memories.trash(this.#id);
    this.#memory = await getMemory(this.#app.db, this.#id);
  }

  async untrash(): Promise<void> {
    this.#memory = await this.#app.memories.untrash(this.#id);
    await this.#refresh();
  }

  async #refresh(): Promise<void> {
    const { db } = this.#app;
    const current = this.memory;
    this.#shownHead = current?.headRevIds?.join() ?? current?.headRevId;
    this.#revisions = await listRevisions(db, this.#id);
    const memory = this.memory;
    if (!memory) return;
    if (memory.hasConflict) {
      const { viewOfRevisions } = await import('../sync/entry-view.ts');
      const conflict = viewOfRevisions(this.#id, this.#revisions).conflict;
      this.#versions = conflict?.versions.map(({ revId, text }) => ({ revId, text })) ?? [];
    }
    // Loaded with the page's first use: the lexicons stay out of the first screen's code.
    const { findRelatedEntries } = await import('../librarian/device-librarian.ts');
    this.#related = await findRelatedEntries(db, memory, (id) => this.#app.memories.find(id));
  }
}
