import type { Memory, MemoryLibraryDb } from './database.ts';
import type { Mention, MentionKind } from './graph-tables.ts';

/**
 * Keeping the memory graph (`mentions`) in step with catalog cards. Every writer of a card calls
 * `linkMentions` inside its own transaction (which must include `db.mentions`), so the graph is
 * never rebuilt by a scan and never disagrees with the cards on disk.
 */

/** How names are matched: "Lin", "lin" and "ＬＩＮ" are one person; spacing does not count. */
export function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

const KINDS: readonly [MentionKind, 'people' | 'places' | 'themes'][] = [
  ['person', 'people'],
  ['place', 'places'],
  ['theme', 'themes'],
];

/** The graph rows a memory should have now: none in the Trash or without a card. */
export function mentionsOf(memory: Pick<Memory, 'id' | 'catalog' | 'deletedAt'>): Mention[] {
  const card = memory.catalog;
  if (!card || memory.deletedAt) return [];
  const rows = new Map<string, Mention>();
  for (const [kind, field] of KINDS) {
    for (const name of card[field] ?? []) {
      const key = foldName(name);
      if (key && !rows.has(`${kind}\u0000${key}`)) {
        rows.set(`${kind}\u0000${key}`, { kind, key, name: name.trim(), entryId: memory.id });
      }
    }
  }
  return [...rows.values()];
}

type MentionKey = [string, string, string];

/** The keys of a memory's rows, read in the caller's transaction (to pass to linkMentions). */
export function readMentionKeys(
  db: Pick<MemoryLibraryDb, 'mentions'>,
  id: string,
): Promise<MentionKey[]> {
  return db.mentions.where('entryId').equals(id).primaryKeys();
}

/**
 * Replace a memory's rows with what its card says now (call inside a rw transaction). A caller
 * that already asked for the memory's row keys (readMentionKeys) passes them, saving a round trip.
 */
export async function linkMentions(
  db: Pick<MemoryLibraryDb, 'mentions'>,
  memory: Pick<Memory, 'id' | 'catalog' | 'deletedAt'>,
  keys?: readonly MentionKey[],
): Promise<void> {
  const rows = mentionsOf(memory);
  const kept = new Set(rows.map((row) => `${row.kind}\u0000${row.key}`));
  const stale = (keys ?? (await readMentionKeys(db, memory.id))).filter(
    ([kind, key]) => !kept.has(`${kind}\u0000${key}`),
  );
  // Only the rows that go are deleted, so the puts need not wait for the deletes.
  await Promise.all([db.mentions.bulkDelete(stale), db.mentions.bulkPut(rows)]);
}

/** Take a memory out of the graph (moved to the Trash, or gone). */
export async function unlinkMentions(
  db: Pick<MemoryLibraryDb, 'mentions'>,
  id: string,
): Promise<void> {
  await db.mentions.where('entryId').equals(id).delete();
}
