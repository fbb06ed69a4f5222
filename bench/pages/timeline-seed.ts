// Injected into the built app's own page (same origin, same database): fills the app's IndexedDB
// with generated memories through the app's own save, and times the baseline — a bare Dexie open
// and read of the newest 30 memories.
import { Dexie } from 'dexie';
import { createDatabase } from '../../app/lib/db/database.ts';
import { saveMemory, writeTables } from '../../app/lib/db/memories.ts';
import { mergePending } from '../../app/lib/db/search-merge.ts';
import { setAutomaticMerging } from '../../app/lib/db/search-schedule.ts';
import { generateMemories } from '../generate-memories.ts';

const APP_DATABASE = 'memory-library';

async function seed(count: number): Promise<number> {
  setAutomaticMerging(false);
  const db = createDatabase(APP_DATABASE);
  const corpus = generateMemories(count, 3);
  for (let start = 0; start < corpus.length; start += 500) {
    const batch = corpus.slice(start, start + 500);
    await db.transaction('rw', writeTables(db), async () => {
      for (const memory of batch) await saveMemory(db, memory, new Date(), 'bench-device');
    });
  }
  // A library as the app leaves it: the search index merged, nothing pending.
  await mergePending(db);
  const total = await db.memories.count();
  db.close();
  return total;
}

/** Open the database afresh with plain Dexie and read the newest 30 memories: milliseconds. */
async function bareFirstRows(): Promise<number> {
  const start = performance.now();
  const db = new Dexie(APP_DATABASE);
  await db.open();
  const rows = await db.table('memories').orderBy('writtenAtMs').reverse().limit(30).toArray();
  const time = performance.now() - start;
  db.close();
  if (rows.length !== 30) throw new Error(`read ${rows.length} rows`);
  return time;
}

Object.assign(window, { seedMemories: seed, bareFirstRows });
