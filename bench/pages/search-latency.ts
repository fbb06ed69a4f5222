// Runs in Chromium: search over the IndexedDB inverted index (BM25) against a linear `includes`
// scan of the same memories held in memory, at 10,000 memories, over a mixed zh/en query set.
import { createDatabase } from '../../app/lib/db/database.ts';
import { saveMemory, writeTables } from '../../app/lib/db/memories.ts';
import { searchIndex } from '../../app/lib/db/search-index.ts';
import { foldText } from '../../shared/search/tokenize.ts';
import { generateMemories } from '../generate-memories.ts';

export const QUERIES = [
  '外婆',
  '桂花糕',
  '图书馆',
  '焦虑',
  '海边 雨',
  '孤单',
  'grandma',
  'rain',
  'thesis',
  'the station',
  'lonely',
  'kilometres',
  'sugar',
  'Lin 外婆',
  '林',
  'walk',
];

interface Result {
  size: number;
  index: number[];
  scan: number[];
  hits: Record<string, number>;
}

async function run(options: { size: number; rounds: number }): Promise<Result> {
  const corpus = generateMemories(options.size, 11);
  const db = createDatabase(`bench-search-${Date.now()}`);
  const deviceId = 'bench';
  for (let start = 0; start < corpus.length; start += 250) {
    const batch = corpus.slice(start, start + 250);
    await db.transaction('rw', writeTables(db), async () => {
      for (const memory of batch) await saveMemory(db, memory, new Date(), deviceId);
    });
  }
  const texts = corpus.map((memory) => memory.text);
  const result: Result = { size: options.size, index: [], scan: [], hits: {} };
  for (let round = 0; round < options.rounds; round += 1) {
    for (const query of QUERIES) {
      let start = performance.now();
      const found = await searchIndex(db, query);
      result.index.push(performance.now() - start);
      result.hits[query] = found.length;

      start = performance.now();
      const terms = foldText(query).split(/\s+/u).filter(Boolean);
      const matches: number[] = [];
      texts.forEach((text, i) => {
        const folded = foldText(text);
        if (terms.every((term) => folded.includes(term))) matches.push(i);
      });
      result.scan.push(performance.now() - start);
    }
  }
  db.close();
  return result;
}

(window as unknown as { runSearchLatency: typeof run }).runSearchLatency = run;
