import type { MemoryLibraryDb } from './database.ts';

/**
 * When merges run (search-merge.ts, loaded on the first one): soon once enough memories wait,
 * otherwise after a quiet moment, always when the page is idle, one at a time. Each step of a
 * merge waits for a lull in the index writes: a merge step locks tables a save writes, so saves
 * coming one after another (a person writing, an import, a sync pull) never queue behind one.
 */

/** Merge soon once this many memories are pending; fewer wait for a quiet moment. */
export const MERGE_AT = 32;
const QUIET_MERGE_MS = 2_000;
/** A merge step starts only this long after the last index write... */
const STEP_LULL_MS = 50;
/** ...or after waiting this long for one, so a steady stream of writes still sees merges end. */
const STEP_WAIT_MAX_MS = 1_000;

interface Schedule {
  timer: ReturnType<typeof setTimeout> | undefined;
  due: number;
  /** A merge is running: another would supersede it half-way (search-merge.ts). */
  running: boolean;
  /** Asked for while one ran: merge again once it ends. */
  again: boolean;
  /** When this tab last wrote the index (Date.now()). */
  lastWrite: number;
}
const schedules = new WeakMap<MemoryLibraryDb, Schedule>();
let automatic = true;

/**
 * Turn idle-time merging off or on (benchmarks and tests that control merges themselves). Off, no
 * merge starts, not even one asked for earlier; one under way goes on until a merge supersedes it.
 */
export function setAutomaticMerging(enabled: boolean): void {
  automatic = enabled;
}

function scheduleOf(db: MemoryLibraryDb): Schedule {
  let schedule = schedules.get(db);
  if (!schedule) {
    schedule = { timer: undefined, due: Infinity, running: false, again: false, lastWrite: 0 };
    schedules.set(db, schedule);
  }
  return schedule;
}

/** After an index write that leaves `pendingCount` rows pending: hold merge steps back, ask for one. */
export function indexWritten(db: MemoryLibraryDb, pendingCount: number): void {
  scheduleOf(db).lastWrite = Date.now();
  scheduleMerge(db, pendingCount);
}

/**
 * Ask for a merge: soon once `pendingCount` reaches MERGE_AT, otherwise after a quiet moment.
 * Runs when the page is idle; a failed or skipped merge only leaves rows pending, which search
 * reads anyway, and the next write asks again.
 */
export function scheduleMerge(db: MemoryLibraryDb, pendingCount: number): void {
  if (pendingCount <= 0 || !automatic) return;
  const schedule = scheduleOf(db);
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
  if (!db.isOpen() || !automatic) return;
  if (schedule.running) {
    schedule.again = true;
    return;
  }
  schedule.running = true;
  try {
    const { mergePending } = await import('./search-merge.ts');
    const between = () => lull(schedule);
    await between();
    await mergePending(db, { between });
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The next task, then until STEP_LULL_MS have passed without an index write (or the wait is up). */
async function lull(schedule: Schedule): Promise<void> {
  const giveUp = Date.now() + STEP_WAIT_MAX_MS;
  await sleep(0);
  for (;;) {
    const now = Date.now();
    const quiet = schedule.lastWrite + STEP_LULL_MS;
    if (now >= quiet || now >= giveUp) return;
    await sleep(Math.min(quiet, giveUp) - now);
  }
}

function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1_000 });
  else setTimeout(task, 0);
}
