import {
  OUTBOX_SYNC_REQUEST,
  OUTBOX_SYNC_TAG,
  outcomeOf,
  type OutboxSyncOutcome,
} from './outbox-sync.ts';
import { openExistingDatabase } from './worker-database.ts';
import { pushFromWorker } from './worker-push.ts';

/** The Background Sync event (not in TypeScript's lib: Chromium only). */
export interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  /** The browser will not fire this registration again after this attempt. */
  readonly lastChance: boolean;
}

/** How long a visible page gets to answer before the worker pushes itself. */
const PAGE_ANSWER_MS = 30_000;

/**
 * The service worker's `sync` handler (SYNC-21). A visible page already runs the engine (push,
 * pull, digest, and it tells the person), so it is asked to sync; with none, or no answer, the
 * worker pushes the outbox itself. A push that should be retried rejects, so the browser fires the
 * event again later; on the last chance it resolves instead: the rows stay in the outbox and the
 * page pushes them when it next runs (and registers again if that fails too).
 */
export function handleSyncEvent(event: SyncEvent, clients: Clients): void {
  if (event.tag !== OUTBOX_SYNC_TAG) return;
  event.waitUntil(
    syncOutbox(clients).then((outcome) => {
      if (outcome === 'retry' && !event.lastChance) throw new Error('outbox push to retry');
    }),
  );
}

async function syncOutbox(clients: Clients): Promise<OutboxSyncOutcome> {
  const answered = await askVisiblePage(clients);
  if (answered) return answered;
  const db = await openExistingDatabase();
  // No database, or one the page has not upgraded yet: nothing this worker may push.
  if (!db) return 'blocked';
  try {
    return await pushFromWorker({ db });
  } finally {
    db.close();
  }
}

async function askVisiblePage(clients: Clients): Promise<OutboxSyncOutcome | null> {
  const windows = await clients.matchAll({ type: 'window' });
  const visible = windows.find((client) => client.visibilityState === 'visible');
  if (!visible) return null;
  const channel = new MessageChannel();
  return new Promise<OutboxSyncOutcome | null>((resolve) => {
    // A page still starting, or of an older version, may never answer.
    const timer = setTimeout(() => resolve(null), PAGE_ANSWER_MS);
    channel.port1.onmessage = (message: MessageEvent<{ blocker?: unknown }>) => {
      clearTimeout(timer);
      const { blocker } = message.data;
      resolve(isBlocker(blocker) ? outcomeOf(blocker) : null);
    };
    visible.postMessage({ type: OUTBOX_SYNC_REQUEST }, [channel.port2]);
  }).finally(() => channel.port1.close());
}

function isBlocker(value: unknown): value is Parameters<typeof outcomeOf>[0] {
  return (
    value === null ||
    value === 'not-registered' ||
    value === 'no-key' ||
    value === 'offline' ||
    value === 'failed'
  );
}
