import { systemClock, type Clock } from '../clock.ts';
import type { MemoryLibraryDb } from '../db/database.ts';
import type { Correction, Note } from '../db/notebook-tables.ts';
import {
  acceptNote,
  dismissNote,
  editNote,
  listNotebook,
  loadAutoKeep,
  restoreNote,
  saveAutoKeep,
} from '../notebook/notes.ts';
import { listCorrections } from '../notebook/reshelve.ts';

const CORRECTIONS_SHOWN = 50;

/**
 * The librarian's notebook as the librarian page and a memory's page show it: kept notes, the
 * proposals waiting for the person, the latest corrections, and "keep automatically". Every
 * change is written first, then read back, so what is shown is what is stored.
 */
export class NotebookState {
  #db: MemoryLibraryDb;
  #clock: Clock;
  #notes = $state.raw<Note[]>([]);
  #corrections = $state.raw<Correction[]>([]);
  #autoKeep = $state(false);
  #loaded = $state(false);

  constructor(db: MemoryLibraryDb, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  get kept(): readonly Note[] {
    return this.#notes.filter((note) => note.status === 'kept');
  }

  get proposals(): readonly Note[] {
    return this.#notes.filter((note) => note.status === 'proposed');
  }

  proposalsFor(entryId: string): readonly Note[] {
    return this.proposals.filter((note) => note.sourceEntryId === entryId);
  }

  get corrections(): readonly Correction[] {
    return this.#corrections;
  }

  get autoKeep(): boolean {
    return this.#autoKeep;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  async load(): Promise<void> {
    const [notes, corrections, autoKeep] = await Promise.all([
      listNotebook(this.#db),
      listCorrections(this.#db, CORRECTIONS_SHOWN),
      loadAutoKeep(this.#db),
    ]);
    this.#notes = notes;
    this.#corrections = corrections;
    this.#autoKeep = autoKeep;
    this.#loaded = true;
  }

  async accept(id: string): Promise<void> {
    await acceptNote(this.#db, id, this.#clock());
    await this.load();
  }

  async dismiss(id: string): Promise<void> {
    await dismissNote(this.#db, id, this.#clock());
    await this.load();
  }

  /** Throws InvalidNoteError for an empty or too long note (the form keeps what was typed). */
  async edit(id: string, text: string): Promise<void> {
    await editNote(this.#db, id, text, this.#clock());
    await this.load();
  }

  async restore(id: string, versionIndex: number): Promise<void> {
    await restoreNote(this.#db, id, versionIndex, this.#clock());
    await this.load();
  }

  async setAutoKeep(keep: boolean): Promise<void> {
    await saveAutoKeep(this.#db, keep);
    this.#autoKeep = keep;
  }
}
