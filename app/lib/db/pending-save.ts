import type { MemoryFields } from './memories.ts';

/**
 * A save in flight, noted synchronously in localStorage the moment Save is pressed. IndexedDB
 * writes are asynchronous: if the page is killed before the transaction commits, the browser
 * aborts it. localStorage is written at once, so the next start finishes the save (same id, same
 * time) — "Saved" still appears only after IndexedDB committed.
 */
export interface PendingSave {
  id: string;
  text: string;
  fields: MemoryFields;
  /** When Save was pressed, ISO UTC. */
  at: string;
}

const KEY = 'memory-library:pending-saves';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function readPendingSaves(): PendingSave[] {
  try {
    const raw = storage()?.getItem(KEY);
    const value: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(value) ? (value as PendingSave[]) : [];
  } catch {
    return [];
  }
}

function write(saves: PendingSave[]): void {
  try {
    if (saves.length === 0) storage()?.removeItem(KEY);
    else storage()?.setItem(KEY, JSON.stringify(saves));
  } catch {
    // Full or blocked: the IndexedDB save still runs; this was only the safety net.
  }
}

export function notePendingSave(save: PendingSave): void {
  write([...readPendingSaves().filter((other) => other.id !== save.id), save]);
}

export function clearPendingSave(id: string): void {
  write(readPendingSaves().filter((save) => save.id !== id));
}
