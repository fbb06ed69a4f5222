import { OUTBOX_SYNC_REQUEST, OUTBOX_SYNC_TAG } from './outbox-sync.ts';
import type { SyncBlocker } from './sync-report.ts';

/** `registration.sync` where the browser has Background Sync (Chromium); absent elsewhere. */
interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/**
 * Asks the browser to fire the service worker's `sync` event once it is back online (SYNC-21), so
 * the waiting rows go even if the app is closed first. Safari and Firefox have no Background
 * Sync: there the page's own triggers (start, online, visible, each save) are all there is.
 */
export async function requestBackgroundSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as { sync?: SyncManagerLike } | undefined)?.sync;
    await sync?.register(OUTBOX_SYNC_TAG);
  } catch {
    // Refused (permission, no active worker yet): the page's triggers still push.
  }
}

/**
 * Answers the service worker's "sync now" (SYNC-21): this page runs its engine and tells the
 * worker how it ended. Returns a function that stops listening.
 */
export function answerWorkerSyncRequests(sync: () => Promise<SyncBlocker>): () => void {
  const container = navigator.serviceWorker;
  if (!container) return () => undefined;
  const onMessage = (event: MessageEvent<{ type?: unknown } | null>) => {
    const port = event.ports[0];
    if (event.data?.type !== OUTBOX_SYNC_REQUEST || !port) return;
    void sync().then((blocker) => port.postMessage({ blocker }));
  };
  container.addEventListener('message', onMessage);
  container.startMessages();
  return () => container.removeEventListener('message', onMessage);
}
