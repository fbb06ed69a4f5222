import { beforeAll, describe, expect, it } from 'vitest';
import { IDLE_REPORT } from '../sync/sync-report.ts';
import { loadDictionary, translate } from '../i18n/index.ts';
import { SyncStatusState } from './sync-status.svelte.ts';

function said(status: SyncStatusState): string {
  const phrase = translate('en', status.messageKey, status.messageParams);
  return status.reasonKey ? `${phrase} · ${translate('en', status.reasonKey)}` : phrase;
}

describe('Sync status (DESIGN.md §7)', () => {
  beforeAll(() => loadDictionary('en'));

  it('says Saving…, Saved, then where the changes stand', () => {
    const status = new SyncStatusState();
    status.saveStarted();
    expect(said(status)).toBe('Saving…');
    status.saveFinished(true, true);
    expect(said(status)).toBe('Saved');
    status.syncReported({ ...IDLE_REPORT, isSyncing: true, waiting: 12 });
    expect(said(status)).toBe('Syncing…');
    status.syncReported({ ...IDLE_REPORT, lastSyncedAt: '2026-05-01T08:00:00.000Z' });
    expect(said(status)).toBe('Synced');
  });

  it('says Saved on a device not set up for sync: its memories are safe where they are', () => {
    const status = new SyncStatusState();
    status.syncReported({ ...IDLE_REPORT, waiting: 12, blocker: 'no-key' });
    expect(said(status)).toBe('Saved');
    status.syncReported({ ...IDLE_REPORT, waiting: 12, blocker: 'not-registered' });
    expect(said(status)).toBe('Saved');
  });

  it('says how many wait and why once sync is set up', () => {
    const status = new SyncStatusState();
    status.syncReported({
      ...IDLE_REPORT,
      waiting: 12,
      blocker: 'failed',
      error: { code: 'upstream-unavailable', message: 'down' },
    });
    expect(said(status)).toBe('12 waiting · sync failed');
  });

  it('says Offline while the browser is offline, whatever waits', () => {
    const status = new SyncStatusState();
    status.syncReported({ ...IDLE_REPORT, waiting: 3, blocker: 'offline' });
    status.connectivityChanged(false);
    expect(said(status)).toBe('Offline');
    status.connectivityChanged(true);
    expect(said(status)).toBe('3 waiting · the server cannot be reached');
  });

  it('keeps Saving… while a save is in flight, even when a report arrives', () => {
    const status = new SyncStatusState();
    status.saveStarted();
    status.syncReported({ ...IDLE_REPORT, isSyncing: true });
    expect(said(status)).toBe('Saving…');
  });
});
