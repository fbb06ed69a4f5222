import { describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { BackgroundSyncProbe, OUTBOX_TAG, registeredTags } from './support/background-sync.ts';
import { DevicesSection } from './support/devices-pages.ts';
import { EncryptionSection } from './support/keys-page.ts';
import { usePhones } from './support/phone.ts';
import { SyncSection } from './support/sync-pages.ts';
import { WritePage } from './support/write-page.ts';

const phones = usePhones();

const PASSPHRASE = 'lanterns along the old canal';
const SLOW = { timeout: 30_000, interval: 250 };
const PUSH = '**/api/v1/sync/push';
/** The service worker's request to a page (outbox-sync.ts). */
const SYNC_REQUEST = 'memory-library:sync-outbox';

/** A device registered on its own with encryption set up; its page shows Write, worker active. */
async function syncedPhone(url: string): Promise<{ context: BrowserContext; write: WritePage }> {
  const { context, page } = await phones.newPhone();
  const devices = new DevicesSection(page);
  await devices.open(url);
  await expect.poll(() => devices.devices.count(), SLOW).toBe(1);
  const keys = new EncryptionSection(page);
  await keys.open(url);
  await keys.setUp(PASSPHRASE);
  const sync = new SyncSection(page);
  await expect.poll(() => sync.section.textContent(), SLOW).toContain('Last synced');
  const write = new WritePage(page);
  await write.open(url);
  await write.waitForServiceWorker();
  return { context, write };
}

/** The one waiting outbox row's revision and the device's token, read from the app's IndexedDB. */
function waitingRow(page: Page): Promise<{ revIds: string[]; token: string }> {
  return page.evaluate(
    () =>
      new Promise<{ revIds: string[]; token: string }>((resolve, reject) => {
        const open = indexedDB.open('memory-library');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction(['outbox', 'kv']);
          const rows = transaction.objectStore('outbox').getAll();
          const device = transaction.objectStore('kv').get('device');
          transaction.oncomplete = () => {
            open.result.close();
            const revIds = (rows.result as { revId: string }[]).map((row) => row.revId);
            const token = (device.result as { value: { token: string } }).value.token;
            resolve({ revIds, token });
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
}

/** The revisions the server holds for the library, asked the way another device pulls them. */
async function storedRevIds(url: string, token: string): Promise<string[]> {
  const response = await fetch(`${url}/api/v1/sync/pull?cursor=0&limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { revisions: { revId: string }[] };
  return body.revisions.map((revision) => revision.revId);
}

function serverDown(route: Route): Promise<void> {
  return route.fulfill({
    status: 503,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'unavailable', message: 'down for the test' } }),
  });
}

describe('Background Sync', () => {
  it('SYNC-21: written offline, then every app page closed: back online the service worker pushes, retries a failed push, and the server holds the memory', async () => {
    const url = inject('appUrl');
    const { context, write } = await syncedPhone(url);
    const probe = await BackgroundSyncProbe.open(context, url);

    await context.setOffline(true);
    await expect.poll(() => write.syncStatus.textContent(), SLOW).toContain('Offline');
    await write.write('Written with no signal under the bridge');
    // The push could not happen, so the page asked the browser for a Background Sync.
    await expect.poll(() => registeredTags(write.page), SLOW).toContain(OUTBOX_TAG);
    const { revIds, token } = await waitingRow(write.page);
    expect(revIds).toHaveLength(1);
    await write.page.close();

    // Back online, Chromium fires the sync itself; no page is left, so the worker pushes, and the
    // server is down: the event fails and the browser keeps it for a retry.
    let workerPushes = 0;
    await context.route(PUSH, (route) => {
      workerPushes += 1;
      return serverDown(route);
    });
    await context.setOffline(false);
    await expect
      .poll(() => probe.events.map((event) => event.name), SLOW)
      .toContain('sync event failed');
    expect(probe.named('sync event failed')[0]?.details['Failure Reason']).toBe(
      'waitUntil rejected',
    );
    expect(workerPushes).toBe(1);
    expect(await storedRevIds(url, token)).not.toContain(revIds[0]);

    // The retry, with the server back: the worker pushes the outbox.
    await context.unroute(PUSH);
    await probe.dispatch();
    await expect.poll(() => storedRevIds(url, token), SLOW).toContain(revIds[0]);

    // Back in the app, nothing waits and the memory is there.
    const reopened = new WritePage(await context.newPage());
    await reopened.open(url);
    await expect.poll(async () => (await waitingRow(reopened.page)).revIds, SLOW).toEqual([]);
    await expect.poll(() => reopened.syncStatus.textContent(), SLOW).toContain('Synced');
    expect(await reopened.memory('Written with no signal').count()).toBe(1);
  }, 180_000);

  it('SYNC-21: with an app page visible, the service worker asks the page to sync and does not push itself', async () => {
    const url = inject('appUrl');
    const { context, write } = await syncedPhone(url);
    const page = write.page;
    const probe = await BackgroundSyncProbe.open(context, url);
    await page.bringToFront();
    expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
    // Counts the worker's requests this page receives, beside the app's own listener.
    await page.evaluate((request) => {
      const counted = window as { syncRequests?: number };
      counted.syncRequests = 0;
      navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
        if ((event.data as { type?: unknown } | null)?.type === request)
          counted.syncRequests = (counted.syncRequests ?? 0) + 1;
      });
    }, SYNC_REQUEST);
    const requests = () => page.evaluate(() => (window as { syncRequests?: number }).syncRequests);
    // Only this page's own requests fail: a worker pushing itself would reach the server.
    let pagePushes = 0;
    await page.route(PUSH, (route) => {
      pagePushes += 1;
      return serverDown(route);
    });

    await write.write('Handed to the page by its worker');
    const { revIds, token } = await waitingRow(page);
    // The failed push registered the sync, which the online browser fires at once: the worker
    // asks this page, whose push fails again, so the event fails for a later retry.
    await expect
      .poll(() => probe.events.map((event) => event.name), SLOW)
      .toContain('sync event failed');
    expect(probe.named('sync event failed')[0]?.details['Failure Reason']).toBe(
      'waitUntil rejected',
    );
    expect(await requests()).toBe(1);
    expect(pagePushes).toBeGreaterThanOrEqual(2);
    expect(await storedRevIds(url, token)).not.toContain(revIds[0]);

    await page.unroute(PUSH);
    await probe.dispatch();
    await expect.poll(requests, SLOW).toBe(2);
    await expect.poll(() => storedRevIds(url, token), SLOW).toContain(revIds[0]);
    await expect.poll(() => write.syncStatus.textContent(), SLOW).toContain('Synced');
  }, 180_000);
});
