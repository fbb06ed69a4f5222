import { Dexie, type EntityTable, type Table } from 'dexie';
import { GRAPH_STORES, type Mention } from './graph-tables.ts';
import { NOTEBOOK_STORES, type Correction, type Note } from './notebook-tables.ts';
import {
  SYNC_STORES,
  type MemorySyncFields,
  type OutboxRow,
  type PulledRow,
  type RevisionSyncFields,
} from './sync-tables.ts';
import { upgradeToVersion2 } from './upgrade-v2.ts';
import { upgradeToVersion3 } from './upgrade-v3.ts';
import { fillMentions } from './upgrade-v3-graph.ts';
import type { HallId } from '#shared/hall-data';
import type { Language, LibrarianCatalog, Usage } from '#shared/librarian';
import type { MoodId } from '#shared/moods';

/** Where a memory stands with the AI librarian. */
export type LibrarianStatus =
  /** Waiting in the librarian queue (offline, librarian offline, or not sent yet). */
  | 'queued'
  /** The librarian replied; `catalog` holds its card unless the card it gave was not valid. */
  | 'catalogued'
  /** The librarian refused this memory for good (for example too long); not retried. */
  | 'failed';

/** A catalog card as the app keeps it: the librarian's card plus where it sits in this library. */
export interface CatalogCard extends LibrarianCatalog {
  callNumber: string;
  /** `device`: the on-device librarian's guess; `librarian`: the AI librarian's card. */
  source: 'device' | 'librarian';
  /** ISO time the card was made. */
  catalogedAt: string;
}

export interface Memory extends MemorySyncFields {
  id: string;
  text: string;
  lang: Language;
  /** When the memory happened, ISO 8601 with the writer's UTC offset. */
  writtenAt: string;
  /** `writtenAt` as epoch milliseconds: offsets differ, so only this sorts in time order. */
  writtenAtMs: number;
  /** When it was saved on this device, ISO 8601 UTC. */
  createdAt: string;
  librarianStatus: LibrarianStatus;
  catalog: CatalogCard | null;
  reply: string | null;
  reasoning: string | null;
  usage: Usage | null;
  model: string | null;
  promptVersion: string | null;
  /** Why the librarian refused it, when `librarianStatus` is `failed`. */
  librarianError: { code: string; message: string } | null;
  // Since version 2 (revisions, trash, mood, tags, private):
  /** The revision this memory shows now (the head of its history). */
  headRevId: string;
  /** When the head revision was made, ISO 8601 UTC. */
  updatedAt: string;
  mood: MoodId | null;
  tags: string[];
  /** A private memory is never sent to the AI librarian (the queue refuses it). */
  isPrivate: boolean;
  /** When it was moved to the Trash (ISO UTC), or null. Purged 30 days later. */
  deletedAt: string | null;
  /** `deletedAt` in epoch ms, present only while in the Trash (indexed: the purge query). */
  deletedAtMs?: number;
  /** `MM-DD` of `writtenAt` in the writer's own offset: "On this day". */
  monthDay: string;
}

/** Why a revision was made. */
export type RevisionReason = 'create' | 'edit' | 'restore' | 'import';

/**
 * One immutable version of a memory (DESIGN.md §9): every save writes one, and the memory row
 * points at its head. Sync (issue 5) sends these, encrypted, with the fields of sync-tables.ts.
 */
export interface Revision extends RevisionSyncFields {
  revId: string;
  entryId: string;
  /** The head this revision was made from; null for the first. */
  parentRevId: string | null;
  /** This device's local id (kv `localDeviceId`), or the device that made it elsewhere. */
  deviceId: string;
  text: string;
  writtenAt: string;
  mood: MoodId | null;
  tags: string[];
  isPrivate: boolean;
  /** ISO 8601 UTC. */
  createdAt: string;
  createdAtMs: number;
  reason: RevisionReason;
  /** For `restore`: the revision whose content was brought back. */
  restoredFrom?: string;
}

/**
 * A memory's "forward" row in the search index: its terms with their frequencies, written in the
 * same transaction as the memory (one row per save). While `pending`, the packed rows do not
 * reflect it yet and search reads this row instead; a merge folds it in (search-packed.ts).
 */
export interface SearchDoc {
  entryId: string;
  /** The memory's number in the packed rows, given when it is first indexed and kept. */
  ord: number;
  /** Every term of the memory, and how often each occurs (`tfs[i]` for `terms[i]`). */
  terms: string[];
  tfs: number[];
  /** The memory's length in terms. */
  len: number;
  /** `writtenAtMs`: the ranking's tie-breaker. */
  at: number;
  /**
   * Every term whose packed rows may hold this memory: exactly those after its merge, more while
   * a merge is under way or was cut short (search-merge.ts), so the next merge finds them all.
   */
  packed: string[];
  /** 1 while the packed rows do not reflect this row (indexed: only pending rows have it). */
  pending?: 1;
  /** Left the index (Trash, deleted): kept, pending, until a merge drops its packed postings. */
  deleted?: true;
}

/**
 * Part of one term's packed postings: the memories' numbers (`ord`) and the term's frequency in
 * each, as flat typed arrays (read as bytes, 6 a posting). A term has chunks 0, 1, …, each at
 * most `POSTINGS_PER_CHUNK` long, so no row grows past Chromium's 64 KB limit for inline values.
 */
export interface TermChunk {
  term: string;
  chunk: number;
  ords: Uint32Array;
  tf: Uint16Array;
}

/**
 * What ranking needs of memories `block * 1024` to `block * 1024 + 1023`, by `ord`: the id, the
 * length in terms and `writtenAtMs`. An id of '' is a number no longer in the packed rows.
 */
export interface DocBlock {
  block: number;
  ids: string[];
  len: Uint32Array;
  at: Float64Array;
}

export interface Draft {
  /** One draft per writing surface; the Write page uses `write`, an edit `edit:<memory id>`. */
  id: string;
  text: string;
  updatedAt: string;
  /** The details chosen so far (since version 2; absent in older drafts). */
  fields?: DraftFields;
}

/** The Write page's details as typed, before they become a memory's fields. */
export interface DraftFields {
  /** A `datetime-local` value, or '' for "now". */
  when: string;
  mood: MoodId | null;
  /** Tags as typed, comma separated. */
  tags: string;
  isPrivate: boolean;
}

export const EMPTY_DRAFT_FIELDS: DraftFields = { when: '', mood: null, tags: '', isPrivate: false };

/** A memory waiting for the AI librarian. `seq` grows, so the queue is read in saving order. */
export interface LibrarianQueueItem {
  seq?: number;
  entryId: string;
  queuedAt: string;
}

/** A shelf's running call-number sequence, so numbers are never reused on that shelf. */
export interface Shelf {
  /** `${hall}/${slug}` */
  id: string;
  hall: HallId;
  slug: string;
  /** The shelf's name as the librarian first gave it. */
  name: string;
  lastSequence: number;
}

/** Small settings and credentials, one row per key. */
export interface KeyValue {
  key: string;
  value: unknown;
}

/**
 * The app's one IndexedDB database. Schema versions are only ever appended: to change a store,
 * add `this.version(n + 1)` with an upgrade, never edit a released version.
 *
 * Version 2's search stores were changed in place (one posting row per term and memory became
 * forward rows plus packed term rows) because version 2 had not shipped to anyone yet; from the
 * first release on, such a change needs a version 3.
 */
export class MemoryLibraryDb extends Dexie {
  memories!: EntityTable<Memory, 'id'>;
  drafts!: EntityTable<Draft, 'id'>;
  librarianQueue!: EntityTable<LibrarianQueueItem, 'seq'>;
  shelves!: EntityTable<Shelf, 'id'>;
  kv!: EntityTable<KeyValue, 'key'>;
  revisions!: EntityTable<Revision, 'revId'>;
  searchTerms!: Table<TermChunk, [string, number]>;
  searchBlocks!: Table<DocBlock, number>;
  searchDocs!: EntityTable<SearchDoc, 'entryId'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  syncPulled!: EntityTable<PulledRow, 'revId'>;
  notebook!: EntityTable<Note, 'id'>;
  corrections!: EntityTable<Correction, 'seq'>;
  mentions!: Table<Mention, [string, string, string]>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      // id: get one memory. writtenAtMs: the timeline, newest first (listMemories).
      memories: 'id, writtenAtMs',
      // id: load, save and clear the Write page's draft.
      drafts: 'id',
      // ++seq: the next memory for the librarian, in saving order (nextQueued).
      // &entryId: remove a memory's item once the librarian has it; never queue a memory twice.
      librarianQueue: '++seq, &entryId',
      // id (`hall/slug`): the next call-number sequence on a shelf (attachLibrarianResult).
      shelves: 'id',
      // key: read and write one setting or the device credentials.
      kv: 'key',
    });
    this.version(2)
      .stores({
        // deletedAtMs: the Trash, and purging it after 30 days (only trashed rows have it).
        // monthDay: "On this day" (same MM-DD, earlier years).
        memories: 'id, writtenAtMs, deletedAtMs, monthDay',
        // revId: restore one. entryId: a memory's history (listRevisions).
        revisions: 'revId, entryId',
        // [term+chunk]: a term's packed postings, and every term with a prefix, as one key range
        // (search, merge).
        searchTerms: '[term+chunk]',
        // entryId: a memory's forward row (save, edit, delete, related memories).
        // pending: the memories the packed rows do not reflect yet (every search, the merge).
        searchDocs: 'entryId, pending',
        // block: the packed rows' memories by number (read whole into memory once per session).
        searchBlocks: 'block',
      })
      .upgrade(upgradeToVersion2);
    // Version 3: sync's outbox, the notebook and corrections, the memory graph. Each feature
    // declares its stores beside its types.
    this.version(3)
      .stores({ ...SYNC_STORES, ...NOTEBOOK_STORES, ...GRAPH_STORES })
      .upgrade(async (tx) => {
        await upgradeToVersion3(tx);
        await fillMentions(tx);
      });
  }
}

export function createDatabase(name = 'memory-library'): MemoryLibraryDb {
  return new MemoryLibraryDb(name);
}
