import { OUTBOX_SYNC_REQUEST, OUTBOX_SYNC_TAG } from './outbox-sync.ts';
import type { SyncBlocker } from './sync-report.ts';

/** `registration.sync` where the browser has Background Sync (Chromium); absent elsewhere. */
interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** Worker requests this page is answering now. */
let answering = 0;

/**
 * Asks the browser to fire the service worker's `sync` event once it is back online (SYNC-21), so
 * the waiting rows go even if the app is closed first. Safari and Firefox have no Background
 * Sync: there the page's own triggers (start, online, visible, each save) are all there is.
 */
export async function requestBackgroundSync(): Promise<void> {
  // Registered while its event fires, the browser fires it again at once when that ends: with a
  // failing server, a loop. The event's own retry covers this page's answer.
  if (answering > 0) return;
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
    answering += 1;
    void sync()
      .then((blocker) => port.postMessage({ blocker }))
      .finally(() => (answering -= 1));
  };
  container.addEventListener('message', onMessage);
  container.startMessages();
  return () => container.removeEventListener('message', onMessage);
}
