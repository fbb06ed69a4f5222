import { LibrarianCatalogSchema } from '#shared/librarian';
import { isMoodId, MOODS, type MoodId } from '#shared/moods';
import type { CatalogCard, Memory, MemoryLibraryDb, Revision, Shelf } from '../db/database.ts';
import { ensureLocalDeviceId } from '../db/device-id.ts';
import { linkMentions } from '../db/graph.ts';
import { editMemory, saveMemory, writeTables } from '../db/memories.ts';
import { indexMemory } from '../db/search-index.ts';
import { addImportedRevisions } from '../db/sync-outbox.ts';
import { monthDayOf } from '../db/upgrade-v2.ts';
import { mergeNotebook } from './merge-notebook.ts';
import type { Backup } from '#shared/backup-format';
import type { JsonlLine } from './parse.ts';

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

function importTables(db: MemoryLibraryDb) {
  return [...writeTables(db), db.shelves, db.mentions, db.notebook, db.corrections];
}

/** The words and details of a version, to tell whether two versions say the same. */
function contentKey(value: {
  text: string;
  writtenAt: string;
  mood: MoodId | null;
  tags: readonly string[];
  isPrivate: boolean;
}): string {
  return JSON.stringify([value.text, value.writtenAt, value.mood, value.tags, value.isPrivate]);
}

/** A mood as a file may spell it: our id, or its English or Chinese name. Others are dropped. */
export function readMood(value: string | undefined): MoodId | null {
  if (value === undefined) return null;
  if (isMoodId(value)) return value;
  const folded = value.trim().toLowerCase();
  return (
    MOODS.find((mood) => mood.en.toLowerCase() === folded || mood.zh === value.trim())?.id ?? null
  );
}

function readCatalog(value: unknown, now: Date): CatalogCard | null {
  if (value === undefined || value === null) return null;
  const parsed = LibrarianCatalogSchema.safeParse(value);
  if (!parsed.success) return null;
  const extra = value as Partial<CatalogCard>;
  return {
    ...parsed.data,
    callNumber: typeof extra.callNumber === 'string' ? extra.callNumber : '',
    source: extra.source === 'device' ? 'device' : 'librarian',
    catalogedAt: typeof extra.catalogedAt === 'string' ? extra.catalogedAt : now.toISOString(),
  };
}

/**
 * Merge JSONL lines into the library, all in one transaction (a failure changes nothing). Same id:
 * a line that says what the memory (or any earlier version of it) already says changes nothing;
 * otherwise it becomes a new revision and the head (an import is the newest edit), with the old
 * text kept in the history. Without an id, a line equal to a memory already here is skipped.
 */
export async function importJsonl(
  db: MemoryLibraryDb,
  lines: readonly JsonlLine[],
  now: Date,
): Promise<ImportCounts> {
  const counts: ImportCounts = { added: 0, updated: 0, unchanged: 0 };
  await db.transaction('rw', importTables(db), async () => {
    const deviceId = await ensureLocalDeviceId(db.kv);
    const all = await db.memories.toArray();
    const byText = new Set(all.map((memory) => `${memory.text}\u0000${memory.writtenAt}`));
    const textOnly = new Set(all.map((memory) => memory.text));
    for (const { memory: line } of lines) {
      const fields = {
        text: line.text,
        mood: readMood(line.mood),
        tags: line.tags ?? [],
        isPrivate: line.private ?? false,
      };
      const catalog = readCatalog(line.catalog, now);
      const local = line.id ? await db.memories.get(line.id) : undefined;
      if (!local) {
        if (!line.id) {
          const duplicate = line.writtenAt
            ? byText.has(`${line.text}\u0000${line.writtenAt}`)
            : textOnly.has(line.text);
          if (duplicate) {
            counts.unchanged += 1;
            continue;
          }
        }
        const saved = await saveMemory(
          db,
          {
            ...fields,
            ...(line.id ? { id: line.id } : {}),
            ...(line.writtenAt ? { writtenAt: line.writtenAt } : {}),
          },
          now,
          deviceId,
        );
        if (catalog) await attachImportedCatalog(db, saved, catalog);
        byText.add(`${saved.text}\u0000${saved.writtenAt}`);
        textOnly.add(saved.text);
        counts.added += 1;
        continue;
      }
      const incoming = { ...fields, writtenAt: line.writtenAt ?? local.writtenAt };
      const revisions = await db.revisions.where('entryId').equals(local.id).toArray();
      const known = new Set([contentKey(local), ...revisions.map(contentKey)]);
      if (known.has(contentKey(incoming))) {
        if (catalog && !local.catalog) await attachImportedCatalog(db, local, catalog);
        counts.unchanged += 1;
        continue;
      }
      const edited = await editMemory(db, local.id, incoming, now, { deviceId, reason: 'import' });
      if (catalog && !edited.catalog) await attachImportedCatalog(db, edited, catalog);
      counts.updated += 1;
    }
  });
  return counts;
}

async function attachImportedCatalog(
  db: MemoryLibraryDb,
  memory: Memory,
  catalog: CatalogCard,
): Promise<void> {
  const updated: Memory = { ...memory, catalog, librarianStatus: 'catalogued' };
  await Promise.all([
    db.memories.put(updated),
    db.librarianQueue.where('entryId').equals(memory.id).delete(),
    memory.deletedAt === null ? indexMemory(db, updated) : Promise.resolve(),
    linkMentions(db, updated),
  ]);
}

/**
 * Merge a full backup, all in one transaction. New memories come in whole (history, card, reply,
 * Trash state). For a memory already here, revisions are united by id and the newer head wins;
 * the other head stays in the history. Shelf numbers never go backwards.
 */
export async function importBackup(
  db: MemoryLibraryDb,
  backup: Backup,
  now: Date,
): Promise<ImportCounts> {
  const counts: ImportCounts = { added: 0, updated: 0, unchanged: 0 };
  const revisionsByEntry = new Map<string, Revision[]>();
  for (const revision of backup.revisions as unknown as Revision[]) {
    const list = revisionsByEntry.get(revision.entryId) ?? [];
    list.push(revision);
    revisionsByEntry.set(revision.entryId, list);
  }
  await db.transaction('rw', importTables(db), async () => {
    for (const row of backup.memories as unknown as Memory[]) {
      const incoming = normalizeMemory(row);
      const incomingRevisions = revisionsByEntry.get(incoming.id) ?? [];
      const local = await db.memories.get(incoming.id);
      const existing = new Set(
        (await db.revisions.where('entryId').equals(incoming.id).primaryKeys()) as string[],
      );
      const newRevisions = incomingRevisions.filter((revision) => !existing.has(revision.revId));
      await addImportedRevisions(db, newRevisions, now);

      if (!local) {
        await db.memories.add(incoming);
        await afterWrite(db, incoming, now);
        counts.added += 1;
        continue;
      }
      const incomingIsNewer =
        incoming.headRevId !== local.headRevId &&
        Date.parse(incoming.updatedAt) > Date.parse(local.updatedAt);
      if (incomingIsNewer) {
        const merged: Memory = {
          ...local,
          ...pickContent(incoming),
          catalog: incoming.catalog ?? local.catalog,
          reply: incoming.reply ?? local.reply,
          librarianStatus: incoming.catalog ? incoming.librarianStatus : local.librarianStatus,
        };
        await db.memories.put(merged);
        await afterWrite(db, merged, now);
        counts.updated += 1;
      } else if (newRevisions.length > 0 || (!local.catalog && incoming.catalog)) {
        if (!local.catalog && incoming.catalog) {
          const withCard: Memory = {
            ...local,
            catalog: incoming.catalog,
            reply: local.reply ?? incoming.reply,
          };
          await db.memories.put(withCard);
          await afterWrite(db, withCard, now);
        }
        counts.updated += 1;
      } else {
        counts.unchanged += 1;
      }
    }
    for (const shelf of backup.shelves) {
      const local = await db.shelves.get(shelf.id);
      if (!local || local.lastSequence < shelf.lastSequence) {
        await db.shelves.put(shelf as unknown as Shelf);
      }
    }
    await mergeNotebook(db, backup);
    if (backup.settings.language && !(await db.kv.get('language'))) {
      await db.kv.put({ key: 'language', value: backup.settings.language });
    }
  });
  return counts;
}

/** The fields that make up a memory's content, compared and copied when merging a backup. */
const CONTENT_FIELDS = [
  'text',
  'lang',
  'writtenAt',
  'writtenAtMs',
  'mood',
  'tags',
  'isPrivate',
  'headRevId',
  'updatedAt',
  'monthDay',
] as const satisfies readonly (keyof Memory)[];

function pickContent(memory: Memory): Pick<Memory, (typeof CONTENT_FIELDS)[number]> {
  return Object.fromEntries(CONTENT_FIELDS.map((field) => [field, memory[field]])) as Pick<
    Memory,
    (typeof CONTENT_FIELDS)[number]
  >;
}

/** Fill what an older or hand-made backup may lack, so every row is a valid version-2 memory. */
function normalizeMemory(row: Memory): Memory {
  const memory: Memory = {
    ...row,
    writtenAtMs: Date.parse(row.writtenAt),
    monthDay: monthDayOf(row.writtenAt),
    mood: isMoodId(row.mood) ? row.mood : null,
    lang: row.lang ?? 'en',
    librarianStatus: row.librarianStatus ?? 'queued',
    catalog: row.catalog ?? null,
    reply: row.reply ?? null,
    reasoning: row.reasoning ?? null,
    usage: row.usage ?? null,
    model: row.model ?? null,
    promptVersion: row.promptVersion ?? null,
    librarianError: row.librarianError ?? null,
  };
  if (memory.deletedAt) memory.deletedAtMs = Date.parse(memory.deletedAt);
  else delete memory.deletedAtMs;
  return memory;
}

/** Keep the index, the memory graph and the queue in step with a memory written by an import. */
async function afterWrite(db: MemoryLibraryDb, memory: Memory, now: Date): Promise<void> {
  if (memory.deletedAt === null) await indexMemory(db, memory);
  await linkMentions(db, memory);
  const queued = await db.librarianQueue.where('entryId').equals(memory.id).count();
  const shouldQueue =
    memory.librarianStatus === 'queued' && !memory.isPrivate && memory.deletedAt === null;
  if (shouldQueue && queued === 0) {
    await db.librarianQueue.add({ entryId: memory.id, queuedAt: now.toISOString() });
  } else if (!shouldQueue && queued > 0) {
    await db.librarianQueue.where('entryId').equals(memory.id).delete();
  }
}
