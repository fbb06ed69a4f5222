/** English strings of the sync feature, spread into en.ts (one file per feature keeps merges apart). */
export const syncEn = {
  'sync.reason.noKey': 'encryption not set up',
  'sync.reason.notRegistered': 'this device is not in a library',
  'sync.reason.offline': 'the server cannot be reached',
  'sync.reason.failed': 'sync failed',
  'sync.reason.digestMismatch': 'this device and the server still disagree after a full check',
  'sync.unreadable': '{count} changes from other devices could not be decrypted (wrong key?).',
  'sync.notice.reconciled':
    'This device and the server disagreed, so everything was checked again: {count} changes were sent again.',
  'sync.notice.evicted':
    "This browser had cleared the app's data: everything was restored from the server.",
  'sync.notice.evictedLost':
    '{count} changes not yet synced before the data was cleared were lost.',
  'sync.notice.evictedUnknown':
    'Changes not yet synced before the data was cleared could not be recovered.',
  'sync.settings.heading': 'Sync',
  'sync.settings.lastSynced': 'Last synced: {when}',
  'sync.settings.never': 'Not synced yet.',
  'sync.settings.waiting': 'Waiting to sync: {count}',
  'sync.settings.syncNow': 'Sync now',
  'sync.settings.notSyncedHeading': 'Not synced',
  'sync.settings.notSyncedHint': 'The server refused these changes; they stay on this device.',
  'sync.settings.openMemory': 'Open memory',
  'sync.rejected.invalid-revision': 'the server could not read it',
  'sync.rejected.too-large': 'too large to sync',
  'sync.rejected.size-mismatch': 'it arrived damaged',
  'sync.rejected.rev-id-in-use': 'its id clashed with another memory',
  'sync.conflict.mark': 'conflict',
  'sync.conflict.region': 'Versions of this memory',
  'sync.conflict.intro':
    'This memory was changed on two devices at once. Nothing was lost: keep one version, or combine them.',
  'sync.conflict.version': 'Version {number}',
  'sync.conflict.keep': 'Keep this version',
  'sync.conflict.combine': 'Combine',
  'sync.conflict.combineLabel': 'Combined text',
  'sync.conflict.saveCombined': 'Save combined text',
  'sync.conflict.merged': 'Edited on two devices; the changes were combined.',
  'sync.conflict.deleteOverridden': 'Deleted on one device, edited on another: it was kept.',
} as const;
