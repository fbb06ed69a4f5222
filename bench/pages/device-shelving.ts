// Runs in Chromium: the on-device librarian's work for one new memory at a library of N memories,
// three ways. In memory: related-memory retrieval over in-memory postings, then the device card
// (the baseline). IndexedDB: what the app does after a save (shelveOnDevice) — retrieval over the
// app's IndexedDB index, the card, and its write (call number, index row, memory graph) in one
// transaction — twice: memories saved one after another (idle-time merges run as in the app),
// and one at a time with the index merged before each save, as when a person writes one memory
// and the app merged the last one in a quiet moment. Linear scan: counting shared words with
// every memory, without an index.
import { createDatabase } from '../../app/lib/db/database.ts';
import { linkMentions } from '../../app/lib/db/graph.ts';
import { saveMemory, writeTables } from '../../app/lib/db/memories.ts';
import type { Memory } from '../../app/lib/db/database.ts';
import { shelveOnDevice } from '../../app/lib/librarian/device-librarian.ts';
import { buildDeviceCard } from '../../shared/device-librarian/device-card.ts';
import { createMemoryIndex } from '../../shared/device-librarian/memory-index.ts';
import { findRelated, relatedQueryTerms } from '../../shared/device-librarian/related.ts';
import { detectLanguage } from '../../shared/detect-language.ts';
import { generateMemories } from '../generate-memories.ts';
import { mergeEverything } from './merged-index.ts';

interface Samples {
  size: number;
  shelving: number[];
  indexedDb: number[];
  afterMerge: number[];
  scan: number[];
}

/**
 * A library of `size` catalogued memories in IndexedDB, as the app keeps it: each saved, given a
 * card (a device card stands in for the AI's: same fields), linked into the graph, then merged.
 */
async function fillLibrary(size: number): Promise<{
  db: ReturnType<typeof createDatabase>;
  byId: Map<string, Memory>;
}> {
  const db = createDatabase(`bench-shelving-${size}-${Date.now()}`);
  const byId = new Map<string, Memory>();
  const corpus = generateMemories(size, 11);
  for (let start = 0; start < corpus.length; start += 250) {
    await db.transaction('rw', [...writeTables(db), db.mentions], async () => {
      for (const input of corpus.slice(start, start + 250)) {
        const saved = await saveMemory(db, input, new Date(), 'bench');
        const card = buildDeviceCard({
          text: saved.text,
          lang: saved.lang,
          related: [],
          neighbours: [],
        });
        const memory: Memory = {
          ...saved,
          catalog: {
            ...card,
            callNumber: `EVE-${card.shelf}-${String(byId.size + 1).padStart(4, '0')}`,
            source: 'librarian',
            catalogedAt: saved.createdAt,
          },
        };
        await Promise.all([db.memories.put(memory), linkMentions(db, memory)]);
        byId.set(memory.id, memory);
      }
    });
  }
  await mergeEverything(db, true);
  return { db, byId };
}

async function run(options: {
  sizes: number[];
  samples: number;
  oneAtATime: number;
}): Promise<Samples[]> {
  const results: Samples[] = [];
  for (const size of options.sizes) {
    const library = generateMemories(size, 11).map((memory, index) => ({
      id: `m${index}`,
      text: memory.text,
      at: Date.parse(memory.writtenAt),
    }));
    const index = createMemoryIndex(library);
    const newcomers = generateMemories(options.samples, 99);
    const sample: Samples = { size, shelving: [], indexedDb: [], afterMerge: [], scan: [] };
    for (const memory of newcomers) {
      let start = performance.now();
      const related = await findRelated(memory.text, index, { limit: 5 });
      buildDeviceCard({
        text: memory.text,
        lang: detectLanguage(memory.text),
        related,
        neighbours: [],
      });
      sample.shelving.push(performance.now() - start);

      start = performance.now();
      const terms = relatedQueryTerms(memory.text);
      library
        .map((other) => ({
          id: other.id,
          shared: terms.filter((term) => other.text.toLowerCase().includes(term)).length,
        }))
        .sort((a, b) => b.shared - a.shared)
        .slice(0, 5);
      sample.scan.push(performance.now() - start);
    }

    const { db, byId } = await fillLibrary(size);
    for (const input of newcomers) {
      const saved = await saveMemory(db, input, new Date(), 'bench');
      byId.set(saved.id, saved);
      const start = performance.now();
      await shelveOnDevice(db, saved, new Date(), (id) => byId.get(id));
      sample.indexedDb.push(performance.now() - start);
    }
    for (const input of generateMemories(options.oneAtATime, 98)) {
      await mergeEverything(db, true);
      const saved = await saveMemory(db, input, new Date(), 'bench');
      byId.set(saved.id, saved);
      const start = performance.now();
      await shelveOnDevice(db, saved, new Date(), (id) => byId.get(id));
      sample.afterMerge.push(performance.now() - start);
    }
    await db.delete();
    results.push(sample);
  }
  return results;
}

(window as unknown as { runDeviceShelving: typeof run }).runDeviceShelving = run;
