import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { TimelinePage } from './support/diary-pages.ts';
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

describe('the on-device librarian', () => {
  it('shelves memories offline, marks the guess, and finds related memories', async () => {
    const url = inject('appUrl');
    await write.open(url);
    await write.waitForServiceWorker();
    await context.setOffline(true);
    await write.page.reload();
    await write.textbox.waitFor();

    const first = '今天和外婆一起做了桂花糕，外婆的手还是那么稳。';
    await write.write(first);
    await expect
      .poll(() => write.librarianReply.textContent())
      .toMatch(/The device's guess[\s\S]*FAM-外婆-\d{4}/);
    await expect.poll(() => write.memory(first).first().textContent()).toContain("device's guess");

    const second = '外婆又教我做桂花糕，厨房里都是桂花的香味。';
    await write.write(second);
    await expect.poll(() => write.librarianReply.textContent()).toMatch(/FAM-外婆-\d{4}/);

    // The Library shows both on the same shelf, each marked as the device's guess.
    await write.page.getByRole('navigation').getByRole('link', { name: 'Library' }).click();
    const shelf = write.page.getByRole('region', { name: '外婆' });
    await expect.poll(() => shelf.getByRole('article').count()).toBe(2);
    await expect.poll(() => shelf.textContent()).toContain("The device's guess");

    // The memory page lists the related memory and why.
    const timeline = new TimelinePage(write.page);
    await timeline.open(url);
    const memory = await timeline.openMemory('外婆又教我');
    await expect.poll(() => memory.related.textContent()).toContain('外婆一起做了桂花糕');
    await expect.poll(() => memory.related.textContent()).toMatch(/Shared: .*外婆/);

    // Back online, the AI librarian's card replaces the guess; the guess is kept beside it.
    await context.setOffline(false);
    await write.open(url);
    await expect
      .poll(() => write.memory(second).first().textContent(), { timeout: 20_000 })
      .not.toContain("device's guess");
  });

  it('sends compact related cards with a memory, never the related memory itself', async () => {
    const bodies: string[] = [];
    write.page.on('request', (request) => {
      if (request.url().includes('/api/v1/librarian/catalog'))
        bodies.push(request.postData() ?? '');
    });
    await write.open(inject('appUrl'));
    const first =
      'Grandma taught me her dumpling recipe in the kitchen today. She folds each one with three pinches and never measures the flour.';
    await write.write(first);
    await expect
      .poll(() => write.memory(first).first().textContent(), { timeout: 15_000 })
      .not.toMatch(/Waiting for the librarian|device's guess/);

    await write.write('Made Grandma’s dumpling recipe alone in my own kitchen.');
    await expect.poll(() => bodies.length, { timeout: 15_000 }).toBe(2);
    const request = JSON.parse(bodies[1]!) as {
      related: { id: string; callNumber: string; summary: string }[];
    };
    expect(request.related).toHaveLength(1);
    expect(Object.keys(request.related[0]!).sort()).toEqual(['callNumber', 'id', 'summary']);
    expect(request.related[0]!.callNumber).toMatch(/^[A-Z]{3}-.+-\d{4}$/);
    // The card carries the librarian's one-line summary, not the memory's words.
    expect(bodies[1]).not.toContain('never measures the flour');
  });
});
