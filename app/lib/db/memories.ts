import { detectLanguage } from '#shared/detect-language';
import { toLocalIsoString } from '#shared/local-time';
import type { MoodId } from '#shared/moods';
import type { Memory, MemoryLibraryDb, Revision, RevisionReason } from './database.ts';
import { ensureLocalDeviceId } from './device-id.ts';
import { clearDraft } from './drafts.ts';
import { newId } from './ids.ts';
import { indexMemory, searchableText } from './search-index.ts';
import { addQueuedRevision } from './sync-outbox.ts';
import type { StampedField } from './sync-tables.ts';
import { monthDayOf } from './upgrade-v2.ts';

export {
  attachLibrarianResult,
  isSendable,
  dropQueued,
  listQueued,
  markLibrarianFailed,
  nextQueued,
  nextQueuedBatch,
} from './librarian-queue.ts';

/** What the person decides about a memory besides its words. */
export interface MemoryFields {
  /** ISO 8601 with offset; defaults to `now` in the device's time zone. */
  writtenAt?: string;
  mood?: MoodId | null;
  tags?: string[];
  isPrivate?: boolean;
}

export interface NewMemory extends MemoryFields {
  text: string;
  /** Keep this id (an import, a save finished after a crash); otherwise a new one is made. */
  id?: string;
  /** Why the first revision was made; `create` unless said otherwise. */
  reason?: RevisionReason;
}

/** Thrown for input no caller should pass (the UI checks first): an empty memory, a bad date. */
export class InvalidMemoryError extends Error {
  override name = 'InvalidMemoryError';
}

export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/** The tables a save touches; a caller's own transaction around a save must include them all. */
export function writeTables(db: MemoryLibraryDb) {
  return [db.memories, db.revisions, db.librarianQueue, db.searchDocs, db.kv, db.outbox] as const;
}

function parseWrittenAt(writtenAt: string): number {
  const ms = Date.parse(writtenAt);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/u.test(writtenAt)) {
    throw new InvalidMemoryError(`invalid writtenAt: ${writtenAt}`);
  }
  return ms;
}

/**
 * Save a new memory: the memory, its first revision, its search-index row and (unless it is
 * private) its librarian-queue item are written in one transaction, so when this resolves all
 * are on disk, and if it fails none is.
 */
export async function saveMemory(
  db: MemoryLibraryDb,
  input: NewMemory,
  now: Date,
  deviceId?: string,
): Promise<Memory> {
  const write = newMemoryWriter(db, input, now, deviceId);
  return db.transaction('rw', writeTables(db), write);
}

/**
 * Save a memory written on the Write page or finish one noted before a crash (`input.id`), and
 * clear the page's draft, in one transaction: after a crash there is either a saved memory and no
 * draft, or the draft and no memory. One transaction, not saveMemory's nested in another: Dexie
 * holds back the outer one's requests until a nested one ends, a round trip more.
 */
export async function saveWrittenMemory(
  db: MemoryLibraryDb,
  input: NewMemory,
  now: Date,
  deviceId: string,
): Promise<Memory> {
  const write = newMemoryWriter(db, input, now, deviceId);
  return db.transaction('rw', [...writeTables(db), db.drafts], async () => {
    if (input.id !== undefined) {
      // Finishing a save noted before a crash: it may have committed after all.
      const existing = await db.memories.get(input.id);
      if (existing) return existing;
    }
    const [, memory] = await Promise.all([clearDraft(db), write()]);
    return memory;
  });
}

/**
 * Checks a new memory (throws InvalidMemoryError) and returns its writes, to run inside a rw
 * transaction over writeTables(db).
 */
function newMemoryWriter(
  db: MemoryLibraryDb,
  input: NewMemory,
  now: Date,
  deviceId: string | undefined,
): () => Promise<Memory> {
  if (isBlank(input.text)) throw new InvalidMemoryError('a memory needs some text');
  const writtenAt = input.writtenAt ?? toLocalIsoString(now);
  const writtenAtMs = parseWrittenAt(writtenAt);
  const id = input.id ?? newId();
  const createdAt = now.toISOString();

  return async () => {
    const revId = newId();
    const mood = input.mood ?? null;
    const tags = input.tags ?? [];
    const isPrivate = input.isPrivate ?? false;
    const memory: Memory = {
      id,
      text: input.text,
      lang: detectLanguage(input.text),
      writtenAt,
      writtenAtMs,
      createdAt,
      librarianStatus: 'queued',
      catalog: null,
      reply: null,
      reasoning: null,
      usage: null,
      model: null,
      promptVersion: null,
      librarianError: null,
      headRevId: revId,
      updatedAt: createdAt,
      mood,
      tags,
      isPrivate,
      deletedAt: null,
      monthDay: monthDayOf(writtenAt),
    };
    // Only the revision (and its outbox row) needs the device id and the sync clock: the other
    // writes start without waiting for those reads.
    const addRevision = async () => {
      const revision: Omit<Revision, 'hlc' | 'stamps'> = {
        revId,
        entryId: id,
        parentRevId: null,
        deviceId: deviceId ?? (await ensureLocalDeviceId(db.kv)),
        text: input.text,
        writtenAt,
        mood,
        tags,
        isPrivate,
        createdAt,
        createdAtMs: now.getTime(),
        reason: input.reason ?? 'create',
      };
      await addQueuedRevision(db, revision, 'all', undefined, now);
    };
    const writes: Promise<unknown>[] = [
      db.memories.add(memory),
      indexMemory(db, memory),
      addRevision(),
    ];
    // A private memory never enters the queue: the AI librarian cannot read what is not sent.
    if (!memory.isPrivate) {
      writes.push(db.librarianQueue.add({ entryId: id, queuedAt: createdAt }));
    }
    await Promise.all(writes);
    return memory;
  };
}

export interface MemoryChanges extends MemoryFields {
  text?: string;
}

/**
 * Change a memory: a new immutable revision (parent: the current head) and the memory row moved
 * to it, in one transaction. Changed words go back to the librarian (unless private); a memory
 * made private leaves the queue. Returns the memory unchanged when nothing differs.
 */
export async function editMemory(
  db: MemoryLibraryDb,
  id: string,
  changes: MemoryChanges,
  now: Date,
  options: { deviceId?: string; reason?: RevisionReason; restoredFrom?: string } = {},
): Promise<Memory> {
  if (changes.text !== undefined && isBlank(changes.text)) {
    throw new InvalidMemoryError('a memory needs some text');
  }
  if (changes.writtenAt !== undefined) parseWrittenAt(changes.writtenAt);

  return db.transaction('rw', writeTables(db), async () => {
    const memory = await db.memories.get(id);
    if (!memory) throw new InvalidMemoryError(`no memory ${id}`);
    const next = {
      text: changes.text ?? memory.text,
      writtenAt: changes.writtenAt ?? memory.writtenAt,
      mood: changes.mood === undefined ? memory.mood : changes.mood,
      tags: changes.tags ?? memory.tags,
      isPrivate: changes.isPrivate ?? memory.isPrivate,
    };
    const changed: StampedField[] = [];
    if (next.writtenAt !== memory.writtenAt) changed.push('writtenAt');
    if (next.mood !== memory.mood) changed.push('mood');
    if (next.isPrivate !== memory.isPrivate) changed.push('private');
    if (next.tags.join('\u0000') !== memory.tags.join('\u0000')) changed.push('tags');
    // Several heads (SYNC-12): even an unchanged save is the person's choice and closes them.
    const [parent = memory.headRevId, ...others] = memory.headRevIds ?? [memory.headRevId];
    if (next.text === memory.text && changed.length === 0 && others.length === 0) return memory;

    const device = options.deviceId ?? (await ensureLocalDeviceId(db.kv));
    const base = memory.stamps ?? (await db.revisions.get(memory.headRevId))?.stamps;
    const revision = await addQueuedRevision(
      db,
      {
        revId: newId(),
        entryId: id,
        parentRevId: parent,
        ...(others.length > 0 ? { mergedRevIds: others } : {}),
        deviceId: device,
        ...next,
        ...(memory.deletedAt === null ? {} : { isDeleted: true }),
        createdAt: now.toISOString(),
        createdAtMs: now.getTime(),
        reason: options.reason ?? 'edit',
        ...(options.restoredFrom ? { restoredFrom: options.restoredFrom } : {}),
      },
      changed,
      base,
      now,
    );
    const textChanged = next.text !== memory.text;
    const { headRevIds: _heads, hasConflict: _c, isDeleteOverridden: _o, ...single } = memory;
    const updated: Memory = {
      ...single,
      ...next,
      stamps: revision.stamps,
      lang: textChanged ? detectLanguage(next.text) : memory.lang,
      writtenAtMs: Date.parse(next.writtenAt),
      monthDay: monthDayOf(next.writtenAt),
      headRevId: revision.revId,
      updatedAt: revision.createdAt,
      librarianStatus: textChanged && !next.isPrivate ? 'queued' : memory.librarianStatus,
    };
    const writes: Promise<unknown>[] = [db.memories.put(updated)];
    const reindex =
      memory.deletedAt === null &&
      (searchableText(updated) !== searchableText(memory) ||
        updated.writtenAtMs !== memory.writtenAtMs);
    if (reindex) writes.push(indexMemory(db, updated));
    if (updated.isPrivate) {
      writes.push(db.librarianQueue.where('entryId').equals(id).delete());
    } else if (updated.librarianStatus === 'queued' && updated.deletedAt === null) {
      const queued = await db.librarianQueue.where('entryId').equals(id).count();
      if (queued === 0)
        writes.push(db.librarianQueue.add({ entryId: id, queuedAt: revision.createdAt }));
    }
    await Promise.all(writes);
    return updated;
  });
}

/** Bring back an earlier revision's words and details: a new revision, so nothing is lost. */
export async function restoreRevision(
  db: MemoryLibraryDb,
  id: string,
  revId: string,
  now: Date,
  deviceId?: string,
): Promise<Memory> {
  const revision = await db.revisions.get(revId);
  if (!revision || revision.entryId !== id) throw new InvalidMemoryError(`no revision ${revId}`);
  const { text, writtenAt, mood, tags, isPrivate } = revision;
  return editMemory(db, id, { text, writtenAt, mood, tags, isPrivate }, now, {
    reason: 'restore',
    restoredFrom: revId,
    ...(deviceId ? { deviceId } : {}),
  });
}

/** A memory's history, newest first. */
export async function listRevisions(db: MemoryLibraryDb, id: string): Promise<Revision[]> {
  const revisions = await db.revisions.where('entryId').equals(id).toArray();
  return revisions.sort((a, b) => b.createdAtMs - a.createdAtMs);
}

/** Every memory not in the Trash, newest first (by when it was written). */
export async function listMemories(db: MemoryLibraryDb, limit?: number): Promise<Memory[]> {
  let collection = db.memories
    .orderBy('writtenAtMs')
    .reverse()
    .filter((memory) => !memory.deletedAt);
  if (limit !== undefined) collection = collection.limit(limit);
  return collection.toArray();
}

export async function getMemory(db: MemoryLibraryDb, id: string): Promise<Memory | undefined> {
  return db.memories.get(id);
}

/** Memories written on the same month and day in earlier years, newest first ("On this day"). */
export async function onThisDay(db: MemoryLibraryDb, today: Date): Promise<Memory[]> {
  const local = toLocalIsoString(today);
  const memories = await db.memories.where('monthDay').equals(monthDayOf(local)).toArray();
  const year = local.slice(0, 4);
  return memories
    .filter((memory) => !memory.deletedAt && memory.writtenAt.slice(0, 4) < year)
    .sort((a, b) => b.writtenAtMs - a.writtenAtMs);
}
