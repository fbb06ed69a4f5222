import { shelfSlug } from '#shared/call-number';
import type { Memory } from '../db/database.ts';
import { deviceCardOf } from '../db/device-catalog.ts';
import { aiPlacementOf } from './shelf-marks.ts';

const RECENT_DAYS = 30;

/** How many device guesses the AI librarian kept (same hall and shelf) out of how many it judged. */
export interface KeptShare {
  kept: number;
  judged: number;
}

export interface LibrarianStats {
  /** Memories the on-device librarian shelved (its guess is kept on each). */
  shelvedByDevice: number;
  /** Memories the AI librarian shelved. */
  shelvedByAi: number;
  overall: KeptShare;
  /** Judged in the last 30 days, and before: the device's guesses should improve as it learns. */
  recent: KeptShare;
  before: KeptShare;
}

/**
 * The librarian page's figures. A device guess is "kept" when the AI librarian, reading the same
 * memory later, put it in the same hall on the same shelf (shelves compared by slug). Only
 * memories with both a device guess and an AI placement are judged; the time is the AI's.
 */
export function librarianStats(memories: readonly Memory[], now: Date): LibrarianStats {
  const since = now.getTime() - RECENT_DAYS * 86_400_000;
  const stats: LibrarianStats = {
    shelvedByDevice: 0,
    shelvedByAi: 0,
    overall: { kept: 0, judged: 0 },
    recent: { kept: 0, judged: 0 },
    before: { kept: 0, judged: 0 },
  };
  for (const memory of memories) {
    const guess = deviceCardOf(memory);
    const ai = aiPlacementOf(memory);
    if (guess) stats.shelvedByDevice += 1;
    if (ai) stats.shelvedByAi += 1;
    if (!guess || !ai) continue;
    const kept = guess.hall === ai.hall && shelfSlug(guess.shelf) === shelfSlug(ai.shelf) ? 1 : 0;
    const period = Date.parse(ai.at) >= since ? stats.recent : stats.before;
    for (const share of [stats.overall, period]) {
      share.kept += kept;
      share.judged += 1;
    }
  }
  return stats;
}

/** The share as a whole percentage, or null when nothing was judged. */
export function percentKept(share: KeptShare): number | null {
  return share.judged === 0 ? null : Math.round((share.kept / share.judged) * 100);
}
