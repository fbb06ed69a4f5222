import { dateOf } from '../clock.ts';
import { toLocalIsoString } from '#shared/local-time';
import { parseTags } from '#shared/moods';
import type { DraftFields, Memory, Revision } from '../db/database.ts';
import { getMemory, listRevisions } from '../db/memories.ts';
import type { RelatedEntry } from '../librarian/device-librarian.ts';
import type { AppState } from './app.svelte.ts';

/**
 * One memory's page: the memory, its history, related memories, and the edits made there. Every
 * change goes through MemoriesState so the timeline and search follow at once.
 */
export class MemoryView {
  #app: AppState;
  #id: string;
  #memory = $state.raw<Memory | undefined>();
  #revisions = $state.raw<Revision[]>([]);
  #related = $state.raw<RelatedEntry[]>([]);
  #versions = $state.raw<{ revId: string; text: string }[]>([]);
  #loaded = $state(false);
  #shownHead: string | undefined;

  constructor(app: AppState, id: string) {
    this.#app = app;
    this.#id = id;
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
    this.#memory = await getMemory(db, this.#id);
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

  /** Save an edit as a new revision. `fields.when` unchanged keeps the original offset. */
  async save(text: string, fields: DraftFields): Promise<void> {
    const memory = this.memory;
    if (!memory) return;
    const writtenAt =
      fields.when === this.fieldsOf(memory).when || fields.when === ''
        ? undefined
        : toLocalIsoString(dateOf(fields.when));
    this.#memory = await this.#app.memories.edit(this.#id, {
      text,
      mood: fields.mood,
      tags: parseTags(fields.tags),
      isPrivate: fields.isPrivate,
      ...(writtenAt ? { writtenAt } : {}),
    });
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
