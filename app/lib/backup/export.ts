import { BACKUP_FORMAT, type Backup, type JsonlMemory } from '#shared/backup-format';
import { findMood } from '#shared/moods';
import type { Memory, MemoryLibraryDb } from '../db/database.ts';
import { loadLanguageChoice } from '../db/preferences.ts';

/**
 * Everything on this device that is the person's: memories (Trash too), history, shelves, the
 * librarian's notebook and the corrections it learned from, settings.
 */
export async function buildBackup(db: MemoryLibraryDb, now: Date): Promise<Backup> {
  const tables = [db.memories, db.revisions, db.shelves, db.kv, db.notebook, db.corrections];
  return db.transaction('r', tables, async () => {
    const [memories, revisions, shelves, language, notebook, corrections] = await Promise.all([
      db.memories.orderBy('writtenAtMs').toArray(),
      db.revisions.toArray(),
      db.shelves.toArray(),
      loadLanguageChoice(db),
      db.notebook.toArray(),
      db.corrections.toArray(),
    ]);
    // Device credentials stay on the device: a backup file must not be a key to the library.
    return {
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: now.toISOString(),
      memories: memories as unknown as Backup['memories'],
      revisions: revisions as unknown as Backup['revisions'],
      shelves: shelves as unknown as Backup['shelves'],
      notebook: notebook as unknown as Backup['notebook'],
      // Their sequence numbers are this device's own; the importing device numbers them anew.
      corrections: corrections.map(({ seq: _seq, ...correction }) => correction),
      settings: language ? { language } : {},
    };
  });
}

/** One JSONL line (DESIGN.md §7a), with the catalog card when there is one. */
export function toJsonlLine(memory: Memory): string {
  const line: JsonlMemory = {
    id: memory.id,
    writtenAt: memory.writtenAt,
    text: memory.text,
    lang: memory.lang,
    ...(memory.mood ? { mood: memory.mood } : {}),
    tags: memory.tags,
    private: memory.isPrivate,
    ...(memory.catalog ? { catalog: memory.catalog } : {}),
  };
  return JSON.stringify(line);
}

/** Memories not in the Trash, oldest first, one per line. */
export async function buildJsonl(db: MemoryLibraryDb): Promise<{ text: string; count: number }> {
  const memories = (await db.memories.orderBy('writtenAtMs').toArray()).filter(
    (memory) => !memory.deletedAt,
  );
  return {
    text: memories.map(toJsonlLine).join('\n') + (memories.length ? '\n' : ''),
    count: memories.length,
  };
}

/** Markdown for one month's memories, oldest first, dates and times as the writer saw them. */
export function monthMarkdown(month: string, memories: readonly Memory[]): string {
  const parts = [`# ${month}\n`];
  for (const memory of memories) {
    const heading = `${memory.writtenAt.slice(0, 10)} ${memory.writtenAt.slice(11, 16)}`;
    parts.push(`## ${heading}\n`);
    const details = [
      memory.mood ? `${findMood(memory.mood).emoji} ${findMood(memory.mood).en}` : '',
      memory.tags.map((tag) => `#${tag}`).join(' '),
      memory.isPrivate ? '(private)' : '',
      memory.catalog ? `\`${memory.catalog.callNumber}\`` : '',
    ].filter(Boolean);
    if (details.length > 0) parts.push(`${details.join(' · ')}\n`);
    parts.push(`${memory.text.trimEnd()}\n`);
  }
  return parts.join('\n');
}

/** A zip with one Markdown file per month (`2025-03.md`). fflate loads only when asked. */
export async function buildMarkdownZip(
  db: MemoryLibraryDb,
): Promise<{ data: Uint8Array; count: number }> {
  const { strToU8, zipSync } = await import('fflate');
  const memories = (await db.memories.orderBy('writtenAtMs').toArray()).filter(
    (memory) => !memory.deletedAt,
  );
  const months = new Map<string, Memory[]>();
  for (const memory of memories) {
    const month = memory.writtenAt.slice(0, 7);
    const list = months.get(month) ?? [];
    list.push(memory);
    months.set(month, list);
  }
  const files: Record<string, Uint8Array> = {};
  for (const [month, list] of months)
    files[`memory-library/${month}.md`] = strToU8(monthMarkdown(month, list));
  return { data: zipSync(files, { level: 6 }), count: memories.length };
}
