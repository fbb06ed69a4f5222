import type { CollectionStats } from '#shared/search/rank';
import type { MemoryLibraryDb } from './database.ts';

const STATS_KEY = 'searchStats';

/** The index's one counters row: BM25's collection statistics and the pending forward rows. */
export interface IndexMeta extends CollectionStats {
  /** How many forward rows are pending (not in the packed rows yet). */
  pending: number;
  /** The `ord` the next memory indexed for the first time gets. */
  nextOrd: number;
  /** Counts merges: the packed rows changed when it did (cached blocks are stale). */
  gen: number;
  /** Counts writes of forward rows: the pending rows changed when it did (pending-rows-cache.ts). */
  rev: number;
  /** The running merge's token (search-merge.ts): only its holder writes the packed rows. */
  merging?: string;
}

type KvTable = Pick<MemoryLibraryDb, 'kv'>;

export async function readMeta(tables: KvTable): Promise<IndexMeta> {
  const value = (await tables.kv.get(STATS_KEY))?.value as Partial<IndexMeta> | undefined;
  return {
    docCount: value?.docCount ?? 0,
    totalLength: value?.totalLength ?? 0,
    pending: value?.pending ?? 0,
    nextOrd: value?.nextOrd ?? 0,
    gen: value?.gen ?? 0,
    rev: value?.rev ?? 0,
    ...(value?.merging ? { merging: value.merging } : {}),
  };
}

export async function writeMeta(tables: KvTable, meta: IndexMeta): Promise<void> {
  await tables.kv.put({ key: STATS_KEY, value: meta });
}

/** The live memories' count and total length in terms, exact (BM25's statistics). */
export async function readStats(tables: KvTable): Promise<CollectionStats> {
  const { docCount, totalLength } = await readMeta(tables);
  return { docCount, totalLength };
}
