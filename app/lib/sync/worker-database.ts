import { Dexie } from 'dexie';
import type { MemoryLibraryDb } from '../db/database.ts';

/** `createDatabase`'s name (database.ts); a test opens one made there. */
const DATABASE_NAME = 'memory-library';

/**
 * The app's database as the service worker opens it (SYNC-21): as it is on disk, never created
 * or upgraded — only the page does that. Not `createDatabase`: its schema carries the upgrades,
 * which reach the search index's lazily loaded merge, and SvelteKit's build of the worker keeps
 * that `import()` with an `import.meta` a classic service worker cannot even parse. Null when
 * there is no database yet or it is older than the tables sync needs.
 */
export async function openExistingDatabase(name = DATABASE_NAME): Promise<MemoryLibraryDb | null> {
  const db = new Dexie(name);
  try {
    await db.open();
  } catch {
    return null;
  }
  const names = new Set(db.tables.map((table) => table.name));
  if (!['outbox', 'revisions', 'kv'].every((table) => names.has(table))) {
    db.close();
    return null;
  }
  // Dexie's dynamic mode reaches tables by `db.table(name)`; the shared sync code reads them as
  // properties, as the page's declared database has them.
  for (const table of db.tables) Object.defineProperty(db, table.name, { value: table });
  return db as unknown as MemoryLibraryDb;
}
