import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** The one-off sync the app registers when a push could not happen (SYNC-21). */
export const OUTBOX_TAG = 'memory-library-outbox';

/** One line of Chromium's Background Sync log, e.g. `sync event failed` with its reason. */
export interface BackgroundSyncEvent {
  name: string;
  details: Record<string, string>;
}

/**
 * Background Sync as DevTools sees it: what Chromium logs for the app's origin (registered,
 * dispatched, completed or failed, one line each) and the service worker's `sync` event fired on
 * demand. It lives on a blank page of its own, so it outlives the app's pages and is no client of
 * the service worker.
 */
export class BackgroundSyncProbe {
  readonly events: BackgroundSyncEvent[] = [];

  private constructor(
    private readonly cdp: CDPSession,
    private readonly origin: string,
    private readonly registrationId: string,
  ) {}

  static async open(context: BrowserContext, url: string): Promise<BackgroundSyncProbe> {
    const blank = await context.newPage();
    const cdp = await context.newCDPSession(blank);
    const origin = new URL(url).origin;
    const registered = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find(
          (registration) => registration.scopeURL.startsWith(origin) && !registration.isDeleted,
        );
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const probe = new BackgroundSyncProbe(cdp, origin, await registered);
    cdp.on('BackgroundService.backgroundServiceEventReceived', ({ backgroundServiceEvent }) => {
      if (!backgroundServiceEvent.origin.startsWith(origin)) return;
      const { eventName: name, eventMetadata } = backgroundServiceEvent;
      const details = Object.fromEntries(eventMetadata.map(({ key, value }) => [key, value]));
      probe.events.push({ name, details });
    });
    await cdp.send('BackgroundService.setRecording', {
      shouldRecord: true,
      service: 'backgroundSync',
    });
    await cdp.send('BackgroundService.startObserving', { service: 'backgroundSync' });
    return probe;
  }

  /** The logged events called `name`, in order. */
  named(name: string): BackgroundSyncEvent[] {
    return this.events.filter((event) => event.name === name);
  }

  /** Fires the worker's `sync` event for the outbox tag now, as the browser would. */
  async dispatch(): Promise<void> {
    await this.cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: this.origin,
      registrationId: this.registrationId,
      tag: OUTBOX_TAG,
      lastChance: false,
    });
  }
}

/** The sync tags the app's page has registered and the browser has not fired for good yet. */
export function registeredTags(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const sync = (registration as { sync?: { getTags(): Promise<string[]> } } | undefined)?.sync;
    return (await sync?.getTags()) ?? [];
  });
}
