// Runs in Chromium: search over the IndexedDB inverted index (BM25) against a linear `includes`
// scan of the same memories held in memory, at 10,000 memories, over a mixed zh/en query set.
import { createDatabase } from '../../app/lib/db/database.ts';
import { saveMemory, writeTables } from '../../app/lib/db/memories.ts';
import { searchIndex } from '../../app/lib/db/search-query.ts';
import { MERGE_AT, setAutomaticMerging } from '../../app/lib/db/search-schedule.ts';
import { foldText } from '../../shared/search/tokenize.ts';
import { generateMemories } from '../generate-memories.ts';
import { mergeEverything } from './merged-index.ts';

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
  /** Every query, with the packed rows up to date. */
  index: number[];
  /**
   * Every query with MERGE_AT - 1 memories saved since the last merge: the most that saves a
   * moment apart leave waiting (a burst of saves leaves more until it pauses, search-schedule.ts).
   */
  pending: number[];
  pendingCount: number;
  scan: number[];
  hits: Record<string, number>;
  /** Each query's times, to find the slow ones. */
  byQuery: Record<string, number[]>;
  byQueryPending: Record<string, number[]>;
}

async function timeQueries(
  db: ReturnType<typeof createDatabase>,
  into: number[],
  hits: Record<string, number>,
  byQuery: Record<string, number[]> = {},
) {
  for (const query of QUERIES) {
    const start = performance.now();
    const found = await searchIndex(db, query);
    const time = performance.now() - start;
    into.push(time);
    (byQuery[query] ??= []).push(time);
    hits[query] = found.length;
  }
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
  await mergeEverything(db, true);
  const texts = corpus.map((memory) => memory.text);
  const result: Result = {
    size: options.size,
    index: [],
    pending: [],
    pendingCount: MERGE_AT - 1,
    scan: [],
    hits: {},
    byQuery: {},
    byQueryPending: {},
  };
  for (let round = 0; round < options.rounds; round += 1) {
    await timeQueries(db, result.index, result.hits, result.byQuery);
    for (const query of QUERIES) {
      const start = performance.now();
      const terms = foldText(query).split(/\s+/u).filter(Boolean);
      const matches: number[] = [];
      texts.forEach((text, i) => {
        const folded = foldText(text);
        if (terms.every((term) => folded.includes(term))) matches.push(i);
      });
      result.scan.push(performance.now() - start);
    }
  }
  // The worst case between merges of saves a moment apart: as many as wait without a merge.
  setAutomaticMerging(false);
  for (const memory of generateMemories(MERGE_AT - 1, 12)) {
    await saveMemory(db, memory, new Date(), deviceId);
  }
  const hitsPending: Record<string, number> = {};
  for (let round = 0; round < options.rounds; round += 1) {
    await timeQueries(db, result.pending, hitsPending, result.byQueryPending);
  }
  setAutomaticMerging(true);
  db.close();
  return result;
}

(window as unknown as { runSearchLatency: typeof run }).runSearchLatency = run;
