import type { MemoryLibraryDb } from './database.ts';

/**
 * When merges run (search-merge.ts, loaded on the first one): soon once enough memories wait,
 * otherwise after a quiet moment, always when the page is idle, one at a time.
 */

/** Merge soon once this many memories are pending; fewer wait for a quiet moment. */
export const MERGE_AT = 32;
const QUIET_MERGE_MS = 2_000;

interface Schedule {
  timer: ReturnType<typeof setTimeout> | undefined;
  due: number;
  /** A merge is running: another would supersede it half-way (search-merge.ts). */
  running: boolean;
  /** Asked for while one ran: merge again once it ends. */
  again: boolean;
}
const schedules = new WeakMap<MemoryLibraryDb, Schedule>();
let automatic = true;

/** Turn idle-time merging off or on (benchmarks and tests that control merges themselves). */
export function setAutomaticMerging(enabled: boolean): void {
  automatic = enabled;
}

/**
 * Ask for a merge: soon once `pendingCount` reaches MERGE_AT, otherwise after a quiet moment.
 * Runs when the page is idle; a failed or skipped merge only leaves rows pending, which search
 * reads anyway, and the next write asks again.
 */
export function scheduleMerge(db: MemoryLibraryDb, pendingCount: number): void {
  if (pendingCount <= 0 || !automatic) return;
  let schedule = schedules.get(db);
  if (!schedule)
    schedules.set(
      db,
      (schedule = { timer: undefined, due: Infinity, running: false, again: false }),
    );
  const due = Date.now() + (pendingCount >= MERGE_AT ? 0 : QUIET_MERGE_MS);
  if (schedule.timer !== undefined && schedule.due <= due) return;
  clearTimeout(schedule.timer);
  schedule.due = due;
  schedule.timer = setTimeout(
    () => {
      schedule.timer = undefined;
      schedule.due = Infinity;
      whenIdle(() => void runMerge(db, schedule));
    },
    Math.max(0, due - Date.now()),
  );
}

async function runMerge(db: MemoryLibraryDb, schedule: Schedule): Promise<void> {
  if (!db.isOpen()) return;
  if (schedule.running) {
    schedule.again = true;
    return;
  }
  schedule.running = true;
  try {
    const { mergePending } = await import('./search-merge.ts');
    await mergePending(db);
  } catch (error) {
    console.warn('search index merge failed', error);
  } finally {
    schedule.running = false;
  }
  if (schedule.again) {
    schedule.again = false;
    whenIdle(() => void runMerge(db, schedule));
  }
}

function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1_000 });
  else setTimeout(task, 0);
}
