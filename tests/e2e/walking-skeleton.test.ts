import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium, launchPersistentChromium } from './support/browser.js';
import { WritePage } from './support/write-page.ts';

let browser: Browser;
let context: BrowserContext;
let write: WritePage;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  write = new WritePage(await context.newPage());
});
afterEach(async () => {
  await context.close();
});

describe('a memory travels from the phone to the librarian and back', () => {
  it('is listed at once and answered by the librarian with a hall and shelf', async () => {
    await write.open(inject('appUrl'));
    const text = '今天和外婆一起做了桂花糕，她的手还是那么稳。';
    await write.write(text);

    await expect.poll(() => write.syncStatus.textContent()).toContain('Saved');
    await expect
      .poll(() => write.librarianReply.textContent(), { timeout: 15_000 })
      .toContain('外婆');
    // The fake librarian shelves grandmother memories in the Family hall; the call number shows it.
    await expect
      .poll(() => write.memory(text).first().textContent(), { timeout: 15_000 })
      .toMatch(/FAM-[^\s]+-\d{4}/);
  });

  it('keeps the draft through a reload', async () => {
    await write.open(inject('appUrl'));
    await write.textbox.fill('A draft about the first snow, not saved yet');
    await write.page.waitForTimeout(900);
    await write.page.reload();
    await expect
      .poll(() => write.textbox.inputValue())
      .toBe('A draft about the first snow, not saved yet');
  });

  it('starts offline from the service worker, keeps memories and saves new ones', async () => {
    await write.open(inject('appUrl'));
    await write.write('Walked home in the rain and did not mind it.');
    await write.waitForServiceWorker();

    await context.setOffline(true);
    await write.page.reload();
    await write.textbox.waitFor();
    await expect.poll(() => write.memory('Walked home in the rain').count()).toBe(1);
    await expect.poll(() => write.syncStatus.textContent()).toContain('Offline');

    const offlineText = 'Written on the train with no signal at all.';
    await write.write(offlineText);
    await expect.poll(() => write.memory(offlineText).count()).toBe(1);
    await write.page.reload();
    await expect.poll(() => write.memory(offlineText).count()).toBe(1);

    // Back online, the queued memory reaches the librarian.
    await context.setOffline(false);
    await expect
      .poll(() => write.memory(offlineText).first().textContent(), { timeout: 20_000 })
      .toMatch(/[A-Z]{3}-[^\s]+-\d{4}/);
  });

  it('is installable: Chromium reports no installability errors', async () => {
    const profile = mkdtempSync(path.join(tmpdir(), 'memory-library-profile-'));
    const installable = await launchPersistentChromium(profile, {
      viewport: { width: 375, height: 812 },
    });
    try {
      const page = new WritePage(installable.pages()[0] ?? (await installable.newPage()));
      await page.open(inject('appUrl'));
      await page.waitForServiceWorker();
      const cdp = await installable.newCDPSession(page.page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: { errorId: string }[];
      };
      expect(installabilityErrors).toEqual([]);
    } finally {
      await installable.close();
    }
  });
});

describe('when the server has no model configured', () => {
  it('says plainly that the AI librarian is offline and keeps the memory', async () => {
    await write.open(inject('offlineLibrarianAppUrl'));
    const text = 'A quiet evening, tea and a book.';
    await write.write(text);
    await expect.poll(() => write.librarianReply.textContent()).toMatch(/offline/i);
    await write.page.reload();
    await expect.poll(() => write.memory(text).count()).toBe(1);
  });
});
