import type { CompareItem } from '#shared/compare';
import type { MemoryLibraryDb } from './database.ts';

/**
 * A comparison the person decided: which models answered one memory, what each said, and the one
 * they kept (chosen vs rejected: the preference data of a later export). Kept in `kv` under
 * `comparison:<id>` until the database has a table of its own for them.
 */
export interface ComparisonRecord {
  id: string;
  entryId: string;
  /** ISO time the choice was made. */
  decidedAt: string;
  chosenModel: string;
  results: CompareItem[];
}

const PREFIX = 'comparison:';

export async function saveComparison(db: MemoryLibraryDb, record: ComparisonRecord): Promise<void> {
  await db.kv.put({ key: `${PREFIX}${record.id}`, value: record });
}

/** Every recorded comparison, oldest first. */
export async function listComparisons(db: MemoryLibraryDb): Promise<ComparisonRecord[]> {
  const rows = await db.kv.where('key').startsWith(PREFIX).toArray();
  return rows
    .map((row) => row.value as ComparisonRecord)
    .filter((record) => typeof record?.entryId === 'string')
    .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
}

/** The latest choice made for one memory, if any. */
export async function latestComparisonFor(
  db: MemoryLibraryDb,
  entryId: string,
): Promise<ComparisonRecord | undefined> {
  const all = await listComparisons(db);
  return all.filter((record) => record.entryId === entryId).at(-1);
}
