import type { MessageKey } from '../i18n/index.ts';

export type SyncPhase = 'offline' | 'saving' | 'saved';

/**
 * What the Sync status region says (DESIGN.md §7): exactly one word at a time. The latest event
 * wins — a save shows `Saving…` then `Saved` (also offline: the memory is safe on the device);
 * losing or regaining the network shows `Offline` or `Saved`. Syncing between devices will add
 * `Syncing…`, `Synced` and `N waiting`.
 */
export class SyncStatusState {
  #phase = $state<SyncPhase>('saved');
  #savesInFlight = 0;

  get phase(): SyncPhase {
    return this.#phase;
  }

  get messageKey(): MessageKey {
    return PHASE_MESSAGES[this.#phase];
  }

  connectivityChanged(online: boolean): void {
    if (this.#savesInFlight > 0) return;
    this.#phase = online ? 'saved' : 'offline';
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

  reset(online = true): void {
    this.#savesInFlight = 0;
    this.#phase = online ? 'saved' : 'offline';
  }
}

const PHASE_MESSAGES: Record<SyncPhase, MessageKey> = {
  offline: 'status.offline',
  saving: 'status.saving',
  saved: 'status.saved',
};
