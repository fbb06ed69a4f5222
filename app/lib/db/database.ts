import { Dexie, type EntityTable } from 'dexie';
import type { HallId } from '#shared/halls';
import type { Language, LibrarianCatalog, Usage } from '#shared/librarian';

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

export interface Memory {
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
}

export interface Draft {
  /** One draft per writing surface; the Write page uses `write`. */
  id: string;
  text: string;
  updatedAt: string;
}

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
 */
export class MemoryLibraryDb extends Dexie {
  memories!: EntityTable<Memory, 'id'>;
  drafts!: EntityTable<Draft, 'id'>;
  librarianQueue!: EntityTable<LibrarianQueueItem, 'seq'>;
  shelves!: EntityTable<Shelf, 'id'>;
  kv!: EntityTable<KeyValue, 'key'>;

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
  }
}

export function createDatabase(name = 'memory-library'): MemoryLibraryDb {
  return new MemoryLibraryDb(name);
}
