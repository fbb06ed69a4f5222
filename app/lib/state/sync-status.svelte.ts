import type { MessageKey, MessageParams } from '../i18n/index.ts';
import type { SyncReport } from '../sync/sync-report.ts';

export type SyncPhase = 'offline' | 'saving' | 'saved' | 'syncing' | 'synced' | 'waiting';

/**
 * What the Sync status region says (DESIGN.md §7): one phrase at a time, `Offline`, `Saving…`,
 * `Saved`, `Syncing…`, `Synced` or `N waiting`, and, while changes wait, why. The latest event
 * wins: a save shows `Saving…` then `Saved` (also offline: the memory is safe on the device),
 * then the sync engine's next report says where the changes stand, once sync is set up.
 */
export class SyncStatusState {
  #phase = $state<SyncPhase>('saved');
  #report = $state.raw<SyncReport | null>(null);
  #savesInFlight = 0;
  #online = true;

  get phase(): SyncPhase {
    return this.#phase;
  }

  get messageKey(): MessageKey {
    return PHASE_MESSAGES[this.#phase];
  }

  get messageParams(): MessageParams {
    return { count: this.#report?.waiting ?? 0 };
  }

  /** The engine's last report (Settings shows more of it), or null before the engine ran. */
  get report(): SyncReport | null {
    return this.#report;
  }

  /** Why changes are waiting, shown beside `N waiting`; null when nothing needs saying. */
  get reasonKey(): MessageKey | null {
    if (this.#phase !== 'waiting') return null;
    const blocker = this.#report?.blocker;
    if (!blocker) return null;
    return BLOCKER_MESSAGES[blocker];
  }

  connectivityChanged(online: boolean): void {
    this.#online = online;
    if (this.#savesInFlight > 0) return;
    this.#phase = this.#settled();
  }

  saveStarted(): void {
    this.#savesInFlight += 1;
    this.#phase = 'saving';
  }

  /** `online` decides what to show when the save failed: nothing new was saved. */
  saveFinished(succeeded: boolean, online: boolean): void {
    this.#savesInFlight = Math.max(0, this.#savesInFlight - 1);
    if (this.#savesInFlight > 0) return;
    this.#phase = succeeded || online ? 'saved' : 'offline';
  }

  syncReported(report: SyncReport): void {
    this.#report = report;
    if (this.#savesInFlight > 0) return;
    this.#phase = this.#settled();
  }

  reset(online = true): void {
    this.#savesInFlight = 0;
    this.#online = online;
    this.#report = null;
    this.#phase = online ? 'saved' : 'offline';
  }

  #settled(): SyncPhase {
    const report = this.#report;
    if (!this.#online) return 'offline';
    if (!report) return 'saved';
    if (report.isSyncing) return 'syncing';
    // A device not set up for sync (no library key, not registered) keeps everything safely on
    // itself: "Saved" is the truth there, and a count that never shrinks would only alarm.
    // Settings' Sync section says what is waiting and why.
    if (report.blocker === 'no-key' || report.blocker === 'not-registered') return 'saved';
    if (report.waiting > 0) return 'waiting';
    if (report.blocker === null && report.lastSyncedAt !== null) return 'synced';
    return 'saved';
  }
}

const PHASE_MESSAGES: Record<SyncPhase, MessageKey> = {
  offline: 'status.offline',
  saving: 'status.saving',
  saved: 'status.saved',
  syncing: 'status.syncing',
  synced: 'status.synced',
  waiting: 'status.waiting',
};

const BLOCKER_MESSAGES: Record<NonNullable<SyncReport['blocker']>, MessageKey> = {
  'no-key': 'sync.reason.noKey',
  'not-registered': 'sync.reason.notRegistered',
  offline: 'sync.reason.offline',
  failed: 'sync.reason.failed',
};
