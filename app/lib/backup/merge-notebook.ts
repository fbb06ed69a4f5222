import type { Backup } from '#shared/backup-format';
import type { MemoryLibraryDb } from '../db/database.ts';
import type { Correction, Note } from '../db/notebook-tables.ts';

/**
 * Brings a backup's notebook and corrections into this device's, inside the import's transaction.
 * A note present on both sides keeps the more recently changed wording, and the two histories are
 * united, so no wording the person once had is lost. A correction already here (same kind, memory,
 * places and time) is not recorded twice.
 */
export async function mergeNotebook(db: MemoryLibraryDb, backup: Backup): Promise<void> {
  for (const incoming of backup.notebook as unknown as Note[]) {
    const local = await db.notebook.get(incoming.id);
    if (!local) {
      await db.notebook.add({ ...incoming, why: incoming.why ?? null });
      continue;
    }
    const newer = Date.parse(incoming.updatedAt) > Date.parse(local.updatedAt) ? incoming : local;
    await db.notebook.put({ ...local, ...newer, history: unitedHistory(local, incoming) });
  }
  const known = new Set((await db.corrections.toArray()).map(correctionKey));
  for (const incoming of backup.corrections as unknown as Correction[]) {
    const key = correctionKey(incoming);
    if (known.has(key)) continue;
    known.add(key);
    // Backups from before call numbers were recorded lack the last three fields.
    await db.corrections.add({
      ...incoming,
      title: incoming.title ?? null,
      fromCallNumber: incoming.fromCallNumber ?? null,
      toCallNumber: incoming.toCallNumber ?? null,
    });
  }
}

function unitedHistory(a: Note, b: Note): Note['history'] {
  const seen = new Set<string>();
  return [...a.history, ...b.history]
    .filter((version) => {
      const key = `${version.at}\u0000${version.action}\u0000${version.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
}

function correctionKey(correction: Correction): string {
  const { kind, entryId, from, to, at } = correction;
  return JSON.stringify([kind, entryId, from.hall, from.shelf, to.hall, to.shelf, at]);
}
