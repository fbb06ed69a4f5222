import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerWorkerSyncRequests, requestBackgroundSync } from './background-sync.ts';
import { OUTBOX_SYNC_REQUEST, OUTBOX_SYNC_TAG } from './outbox-sync.ts';
import type { SyncBlocker } from './sync-report.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** `navigator.serviceWorker` of a browser with Background Sync; records the tags registered. */
function browserWithBackgroundSync() {
  const registered: string[] = [];
  const container = Object.assign(new EventTarget(), {
    getRegistration: () =>
      Promise.resolve({ sync: { register: (tag: string) => void registered.push(tag) } }),
    startMessages: () => undefined,
  });
  vi.stubGlobal('navigator', { serviceWorker: container });
  /** The service worker asks the page to sync; resolves with the page's answer. */
  const ask = () => {
    const channel = new MessageChannel();
    const answer = new Promise<unknown>((resolve) => {
      channel.port1.onmessage = (message) => {
        channel.port1.close();
        resolve(message.data);
      };
    });
    const request = new MessageEvent('message', {
      data: { type: OUTBOX_SYNC_REQUEST },
      ports: [channel.port2],
    });
    container.dispatchEvent(request);
    return answer;
  };
  return { registered, ask };
}

describe('the page’s side of Background Sync', () => {
  it('SYNC-21: the page answers the worker with how its sync ended', async () => {
    const browser = browserWithBackgroundSync();
    let blocker: SyncBlocker = 'offline';
    const stop = answerWorkerSyncRequests(() => Promise.resolve(blocker));
    expect(await browser.ask()).toEqual({ blocker: 'offline' });
    blocker = null;
    expect(await browser.ask()).toEqual({ blocker: null });
    stop();
  });

  it('SYNC-21: a sync that fails while it answers the worker does not register again (the event’s own retry covers it); one that fails later does', async () => {
    const browser = browserWithBackgroundSync();
    // As the engine does: a failed cycle with rows waiting asks for a Background Sync.
    const stop = answerWorkerSyncRequests(async () => {
      await requestBackgroundSync();
      return 'failed';
    });
    expect(await browser.ask()).toEqual({ blocker: 'failed' });
    expect(browser.registered).toEqual([]);

    await requestBackgroundSync();
    expect(browser.registered).toEqual([OUTBOX_SYNC_TAG]);
    stop();
  });
});
