import { readFileSync } from 'node:fs';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import {
  SearchPage,
  SettingsPage,
  TimelinePage,
  TrashPage,
  seriousAxeViolations,
} from './support/diary-pages.ts';
import { PHONE_VIEWPORT, usePhone } from './support/phone.ts';
import { WritePage } from './support/write-page.ts';

const phone = usePhone();

/** Open the app, let the service worker take the page, then cut the network for the whole test. */
async function openOffline(
  write: WritePage = phone.write,
  context: BrowserContext = phone.context,
): Promise<string> {
  const url = inject('offlineLibrarianAppUrl');
  await write.open(url);
  await write.waitForServiceWorker();
  await context.setOffline(true);
  await write.page.reload();
  await write.textbox.waitFor();
  return url;
}

describe('the diary, offline throughout', () => {
  it('writes, edits, restores a revision, trashes and restores the memory', async () => {
    const url = await openOffline();
    await phone.write.write('The first version of a walk by the river.');

    const timeline = new TimelinePage(phone.write.page);
    await timeline.open(url);
    const memory = await timeline.openMemory('The first version');
    await memory.edit('The second version: the river was high after the rain.');
    await expect.poll(() => memory.text.textContent()).toContain('second version');
    await expect.poll(() => memory.history.textContent()).toContain('2 versions');

    await memory.restoreButtons.first().click();
    await expect.poll(() => memory.text.textContent()).toContain('first version');
    // Restoring adds a version; nothing is lost.
    await expect.poll(() => memory.history.textContent()).toContain('3 versions');

    await memory.trashButton.click();
    await phone.write.page.getByText('Moved to the Trash').waitFor();
    await timeline.open(url);
    await expect.poll(() => timeline.memory('first version').count()).toBe(0);

    const trash = new TrashPage(phone.write.page);
    await trash.open(url);
    await trash.restore('first version');
    await timeline.open(url);
    await expect.poll(() => timeline.memory('first version').count()).toBe(1);
  });

  it('finds memories in Chinese and English, with the words marked', async () => {
    const url = await openOffline();
    await phone.write.write('今天和外婆一起做了桂花糕，她的手还是那么稳。');
    await phone.write.write('外面下雨了，婆娑的树影映在窗上。');
    await phone.write.write('Walked with GRANDMA to the station in the rain.');

    const search = new SearchPage(phone.write.page);
    await search.open(url);
    await search.search('外婆');
    await expect.poll(() => search.results.count()).toBe(1);
    await expect.poll(() => search.marks.first().textContent()).toBe('外婆');

    await search.search('grandma');
    await expect.poll(() => search.results.count()).toBe(1);
    await expect.poll(() => search.marks.first().textContent()).toBe('GRANDMA');

    // The last word typed matches as a prefix.
    await search.search('stat');
    await expect.poll(() => search.results.count()).toBe(1);
    // One character matches every word it starts or ends: 外婆 and 婆娑.
    await search.search('婆');
    await expect.poll(() => search.results.count()).toBe(2);
  });

  it('brings the draft and its details back after a reload mid-typing', async () => {
    await openOffline();
    await phone.write.textbox.fill('Half a sentence about the');
    await phone.write.page.getByText('Date, mood and tags').click();
    await phone.write.page.getByRole('radio', { name: /Calm/ }).check();
    await phone.write.page.waitForTimeout(900);
    await phone.write.page.reload();
    await expect.poll(() => phone.write.textbox.inputValue()).toBe('Half a sentence about the');
    await expect
      .poll(() => phone.write.page.getByRole('radio', { name: /Calm/ }).isChecked())
      .toBe(true);
  });

  it('brings an unsaved edit of a memory back after a reload, then saves it', async () => {
    const url = await openOffline();
    await phone.write.write('The harbour at dawn, before the boats.');
    const timeline = new TimelinePage(phone.write.page);
    await timeline.open(url);
    const memory = await timeline.openMemory('harbour at dawn');
    await memory.editButton.click();
    const edited = 'The harbour at dawn, before the boats, and the gulls already loud.';
    await memory.editTextbox.fill(edited);
    await phone.write.page.waitForTimeout(900);
    await phone.write.page.reload();
    await expect.poll(() => memory.editTextbox.inputValue()).toBe(edited);
    await phone.write.page.getByText('Your unsaved words are back').waitFor();

    await memory.saveChangesButton.click();
    await phone.write.page.getByText('Changes saved as a new version.').waitFor();
    await phone.write.page.reload();
    await expect.poll(() => memory.text.textContent()).toContain('gulls already loud');
    expect(await memory.editTextbox.count()).toBe(0);
  });

  it('keeps a memory when the page is closed right after Save', async () => {
    const url = await openOffline();
    const text = 'Saved and closed at once, on the night bus.';
    await phone.write.textbox.fill(text);
    await phone.write.saveButton.click();
    await phone.write.page.close({ runBeforeUnload: false });

    const again = new WritePage(await phone.context.newPage());
    await again.open(url);
    await expect.poll(() => again.memory(text).count()).toBe(1);
  });

  it('saves and shows a 100,000-character memory and keeps tricky characters harmless', async () => {
    const url = await openOffline();
    const long = `Start of a very long memory. ${'字'.repeat(99_950)} The end.`;
    await phone.write.textbox.fill(long);
    await phone.write.saveButton.click();
    await expect
      .poll(() => phone.write.syncStatus.textContent(), { timeout: 20_000 })
      .toContain('Saved');
    const tricky = 'Zero\u200Bwidth and \u202Eevil override\u202C stays in its box.';
    await phone.write.write(tricky);

    const timeline = new TimelinePage(phone.write.page);
    await timeline.open(url);
    const memory = await timeline.openMemory('Start of a very long memory');
    await expect.poll(async () => (await memory.text.textContent())?.length).toBe(long.length);
    const isolation = await phone.write.page.evaluate(() => {
      const article = [...document.querySelectorAll('article')].find((node) =>
        node.textContent?.includes('Zero'),
      );
      return article ? getComputedStyle(article.querySelector('[dir="auto"]')!).unicodeBidi : '';
    });
    await timeline.open(url);
    await expect.poll(() => timeline.memory('stays in its box').count()).toBe(1);
    expect(['', 'isolate', 'plaintext', 'isolate-override']).toContain(isolation);
  });

  it('has no serious or critical accessibility violations on any main page', async () => {
    // axe-core is injected as a script, which the app's Content-Security-Policy rightly refuses.
    const context = await phone.browser.newContext({ viewport: PHONE_VIEWPORT, bypassCSP: true });
    onTestFinished(() => context.close());
    const write = new WritePage(await context.newPage());
    const url = await openOffline(write, context);
    await write.write('A memory so every page has something to show, 外婆.');
    const pages: [string, () => Promise<void>][] = [
      ['Write', () => write.open(url)],
      ['Timeline', () => new TimelinePage(write.page).open(url)],
      [
        'Search',
        async () => {
          const search = new SearchPage(write.page);
          await search.open(url);
          await search.search('外婆');
        },
      ],
      [
        'Memory',
        async () => {
          const timeline = new TimelinePage(write.page);
          await timeline.open(url);
          await timeline.openMemory('every page');
        },
      ],
      ['Settings', () => new SettingsPage(write.page).open(url)],
    ];
    const found: string[] = [];
    for (const [name, open] of pages) {
      await open();
      for (const violation of await seriousAxeViolations(write.page))
        found.push(`${name}: ${violation}`);
    }
    expect(found).toEqual([]);
  }, 120_000);
});

describe('backup', () => {
  it('exports everything and imports it into a fresh profile with identical content', async () => {
    const url = await openOffline();
    await phone.write.write('外婆的桂花糕，甜而不腻。');
    await phone.write.write('The thesis came back with notes again.');
    const settings = new SettingsPage(phone.write.page);
    await settings.open(url);
    const backupPath = await settings.export(/Full backup/);
    const jsonlPath = await settings.export(/JSONL/);
    const zipPath = await settings.export(/Markdown/);
    expect(readFileSync(zipPath).subarray(0, 2).toString()).toBe('PK');
    const jsonl = readFileSync(jsonlPath, 'utf8').trim().split('\n');
    expect(jsonl).toHaveLength(2);
    expect(JSON.parse(jsonl[0]!)).toMatchObject({
      text: expect.any(String),
      writtenAt: expect.any(String),
    });

    const timeline = new TimelinePage(phone.write.page);
    await timeline.open(url);
    const before = await timeline.rows.allTextContents();

    // A new browser context is a new profile: empty IndexedDB.
    const fresh = await phone.browser.newContext({ viewport: PHONE_VIEWPORT });
    try {
      const page = await fresh.newPage();
      const freshSettings = new SettingsPage(page);
      await freshSettings.open(url);
      await freshSettings.import({
        name: 'backup.json',
        mimeType: 'application/json',
        buffer: readFileSync(backupPath),
      });
      await page.getByText('Imported: 2 new, 0 updated, 0 already here.').waitFor();

      const freshTimeline = new TimelinePage(page);
      await freshTimeline.open(url);
      await expect.poll(() => freshTimeline.rows.allTextContents()).toEqual(before);

      // The same JSONL again: nothing is duplicated.
      await freshSettings.open(url);
      await freshSettings.import({
        name: 'memories.jsonl',
        mimeType: 'application/jsonl',
        buffer: readFileSync(jsonlPath),
      });
      await page.getByText('Imported: 0 new, 0 updated, 2 already here.').waitFor();

      // A foreign file is refused and changes nothing.
      await freshSettings.import({
        name: 'package.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"name":"left-pad","version":"1.0.0"}'),
      });
      await page.getByText(/not imported.*Nothing was changed/).waitFor();
      await freshTimeline.open(url);
      await expect.poll(() => freshTimeline.rows.count()).toBe(2);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});

describe('private memories', () => {
  it('are never sent to the AI librarian', async () => {
    const sent: string[] = [];
    phone.write.page.on('request', (request) => {
      if (request.url().includes('/api/v1/librarian')) sent.push(request.postData() ?? '');
    });
    await phone.write.open(inject('appUrl'));
    await phone.write.textbox.fill('A secret about the surprise party.');
    await phone.write.page.getByText('Date, mood and tags').click();
    await phone.write.page.getByRole('switch', { name: /Private/ }).check();
    await phone.write.saveButton.click();
    await phone.write.memory('A secret about').first().waitFor();
    await phone.write.write('An open memory about the weather.');
    await expect.poll(() => sent.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await phone.write.page.waitForTimeout(1500);
    expect(sent.some((body) => body.includes('secret'))).toBe(false);
  });
});
