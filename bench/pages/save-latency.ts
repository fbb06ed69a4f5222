// Runs in Chromium: the app's own save (one Dexie transaction: memory, revision, outbox row,
// forward index row, librarian queue item, draft cleared) against a bare IndexedDB put of the
// same record, at growing library sizes, with index merges running as in the app and held back.
import { createDatabase } from '../../app/lib/db/database.ts';
import { ensureLocalDeviceId } from '../../app/lib/db/device-id.ts';
import { saveWrittenMemory } from '../../app/lib/db/memories.ts';
import { applyMerge, planMerge } from '../../app/lib/db/search-merge.ts';
import { setAutomaticMerging } from '../../app/lib/db/search-schedule.ts';
import { generateMemories } from '../generate-memories.ts';
import { mergeEverything } from './merged-index.ts';

interface Samples {
  size: number;
  /** Idle-time merges on (as in the app) or held back until after the samples. */
  merging: boolean;
  dexie: number[];
  bare: number[];
  /**
   * With merging held back, folding the samples' pending rows in at once: claiming and planning,
   * then writing, each over many short transactions; and the longest stretch between two of the
   * merge's pauses, which is the most a save can wait behind it.
   */
  planMs?: number;
  writeMs?: number;
  longestStepMs?: number;
}

function openBare(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('memories', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function putBare(db: IDBDatabase, records: object[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction('memories', 'readwrite');
    const store = transaction.objectStore('memories');
    for (const record of records) store.put(record);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
}

async function run(options: { sizes: number[]; samples: number }): Promise<Samples[]> {
  const corpus = generateMemories(
    Math.max(...options.sizes) + 2 * options.samples * options.sizes.length,
    7,
  );
  const db = createDatabase(`bench-${Date.now()}`);
  const deviceId = await ensureLocalDeviceId(db.kv);
  const bare = await openBare(`bench-bare-${Date.now()}`);
  const results: Samples[] = [];
  let next = 0;
  let bareCount = 0;
  for (const size of options.sizes) {
    // Fill both stores to `size` with the same memories before measuring.
    while ((await db.memories.count()) < size) {
      const memory = corpus[next++]!;
      // The Write page's save (MemoriesState.save), the device id known from start-up.
      await saveWrittenMemory(db, memory, new Date(), deviceId);
    }
    while (bareCount < size) {
      const batch = corpus.slice(bareCount, Math.min(size, bareCount + 500));
      await putBare(
        bare,
        batch.map((memory, offset) => ({
          id: crypto.randomUUID(),
          n: bareCount + offset,
          ...memory,
        })),
      );
      bareCount += batch.length;
    }
    // The same saves twice: with merges running as in the app (a save can wait behind one), and
    // with merges held back, which is the save and its forward index row alone.
    for (const merging of [true, false]) {
      // Start from a merged index with no merge under way: one the app started earlier stops at
      // its next step once superseded, and none starts while automatic merging is off.
      await mergeEverything(db, merging);
      const sample: Samples = { size, merging, dexie: [], bare: [] };
      for (let i = 0; i < options.samples; i += 1) {
        const memory = corpus[next++]!;
        let start = performance.now();
        await saveWrittenMemory(db, memory, new Date(), deviceId);
        sample.dexie.push(performance.now() - start);
        start = performance.now();
        await putBare(bare, [{ id: crypto.randomUUID(), n: bareCount++, ...memory }]);
        sample.bare.push(performance.now() - start);
      }
      if (!merging) {
        // The app's pause between steps, timing the stretch before each.
        let longest = 0;
        let stepStart = performance.now();
        const between = async () => {
          longest = Math.max(longest, performance.now() - stepStart);
          await new Promise((resolve) => setTimeout(resolve, 0));
          stepStart = performance.now();
        };
        let start = performance.now();
        const plan = await planMerge(db, { between });
        sample.planMs = performance.now() - start;
        await between();
        start = performance.now();
        if (plan && (await applyMerge(db, plan, { between })) === false) {
          throw new Error('merge superseded');
        }
        sample.writeMs = performance.now() - start;
        sample.longestStepMs = Math.max(longest, performance.now() - stepStart);
      }
      setAutomaticMerging(true);
      results.push(sample);
    }
  }
  db.close();
  bare.close();
  return results;
}

(window as unknown as { runSaveLatency: typeof run }).runSaveLatency = run;
