import { describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchPersistentChromium } from './support/browser.js';
import { PHONE_VIEWPORT, usePhone } from './support/phone.ts';
import { WritePage } from './support/write-page.ts';

const phone = usePhone();

describe('a memory travels from the phone to the librarian and back', () => {
  it('is listed at once and answered by the librarian with a hall and shelf', async () => {
    await phone.write.open(inject('appUrl'));
    const text = '今天和外婆一起做了桂花糕，她的手还是那么稳。';
    await phone.write.write(text);

    await expect.poll(() => phone.write.syncStatus.textContent()).toContain('Saved');
    await expect
      .poll(() => phone.write.librarianReply.textContent(), { timeout: 15_000 })
      .toContain('外婆');
    // The fake librarian shelves grandmother memories in the Family hall; the call number shows it.
    await expect
      .poll(() => phone.write.memory(text).first().textContent(), { timeout: 15_000 })
      .toMatch(/FAM-[^\s]+-\d{4}/);
  });

  it('keeps the draft through a reload', async () => {
    await phone.write.open(inject('appUrl'));
    await phone.write.textbox.fill('A draft about the first snow, not saved yet');
    await phone.write.page.waitForTimeout(900);
    await phone.write.page.reload();
    await expect
      .poll(() => phone.write.textbox.inputValue())
      .toBe('A draft about the first snow, not saved yet');
  });

  it('starts offline from the service worker, keeps memories and saves new ones', async () => {
    await phone.write.open(inject('appUrl'));
    await phone.write.write('Walked home in the rain and did not mind it.');
    await phone.write.waitForServiceWorker();

    await phone.context.setOffline(true);
    await phone.write.page.reload();
    await phone.write.textbox.waitFor();
    await expect.poll(() => phone.write.memory('Walked home in the rain').count()).toBe(1);
    await expect.poll(() => phone.write.syncStatus.textContent()).toContain('Offline');

    const offlineText = 'Written on the train with no signal at all.';
    await phone.write.write(offlineText);
    await expect.poll(() => phone.write.memory(offlineText).count()).toBe(1);
    await phone.write.page.reload();
    await expect.poll(() => phone.write.memory(offlineText).count()).toBe(1);

    // Back online, the queued memory reaches the librarian.
    await phone.context.setOffline(false);
    await expect
      .poll(() => phone.write.memory(offlineText).first().textContent(), { timeout: 20_000 })
      .toMatch(/[A-Z]{3}-[^\s]+-\d{4}/);
  });

  it('is installable: Chromium reports no installability errors', async () => {
    const profile = mkdtempSync(path.join(tmpdir(), 'memory-library-profile-'));
    const installable = await launchPersistentChromium(profile, {
      viewport: PHONE_VIEWPORT,
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
    await phone.write.open(inject('offlineLibrarianAppUrl'));
    const text = 'A quiet evening, tea and a book.';
    await phone.write.write(text);
    await expect.poll(() => phone.write.librarianReply.textContent()).toMatch(/offline/i);
    await phone.write.page.reload();
    await expect.poll(() => phone.write.memory(text).count()).toBe(1);
  });
});

describe('when part of the app does not arrive', () => {
  it('says so, and loads when the person asks to try again', async () => {
    // The chunk with the app's state (Dexie, the stores) comes after the first paint.
    const manifest = JSON.parse(
      readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8'),
    ) as Record<string, { name?: string; file: string }>;
    const appState = Object.values(manifest).find((chunk) => chunk.name === 'app-state');
    expect(appState).toBeDefined();
    const page = phone.write.page;
    let failing = true;
    await page.route(`**/${appState!.file}`, (route) =>
      failing ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.goto(`${inject('appUrl')}/?lang=en`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/did not arrive/);
    // The Write form paints without the state: words typed now wait for it, and cannot be saved yet.
    const text = 'Typed while the app was still on its way.';
    await phone.write.textbox.fill(text);
    expect(await phone.write.saveButton.isDisabled()).toBe(true);

    failing = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => phone.write.textbox.inputValue()).toBe(text);
    await phone.write.saveButton.click();
    await phone.write.memory(text).first().waitFor();
    await expect.poll(() => phone.write.textbox.inputValue()).toBe('');
  });
});
