import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DevicesSection, JoinPage } from './support/devices-pages.ts';
import { usePhone } from './support/phone.ts';

const phone = usePhone();
/** Each round is one chance for the two answers to meet; before the fix 2 to 4 rounds in 6 lost. */
const ROUNDS = 6;

/** The library this page's Settings shows, once the device has one. */
async function libraryShown(page: Page): Promise<string> {
  const library = page.locator('dt', { hasText: /^Library$/ }).locator('+ dd');
  await expect.poll(() => library.textContent()).toMatch(/^\s*[0-9a-f]{32}\s*$/);
  return (await library.textContent())?.trim() ?? '';
}

describe('a device joining a library while it starts up', () => {
  it('stays in the joined library when start-up reaches the server as the join is answered', async () => {
    const url = inject('appUrl');
    const a = new DevicesSection(phone.write.page);
    await a.open(url);
    const library = await libraryShown(a.page);
    const joinedTo: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await a.open(url);
      const code = await a.pair();
      const context = await phone.browser.newContext({ viewport: { width: 375, height: 812 } });
      const page = await context.newPage();
      // Start-up's health check (after which it registers a new device) is answered only when
      // the join is: the page then asks to register while it stores the joined credentials.
      let healthChecks = 0;
      let joinAnswered: () => void = () => undefined;
      const answered = new Promise<void>((resolve) => (joinAnswered = resolve));
      page.on('response', (response) => {
        if (response.url().endsWith('/api/v1/devices/pair')) joinAnswered();
      });
      await page.route('**/api/v1/health', async (route) => {
        healthChecks++;
        const response = await route.fetch();
        await answered;
        await route.fulfill({ response });
      });
      const join = new JoinPage(page);
      await join.open(url);
      await expect.poll(() => healthChecks, { timeout: 15_000 }).toBeGreaterThan(0);
      await join.join(code);
      // A stray registration answered late would be stored by now.
      await page.waitForTimeout(1_000);
      await new DevicesSection(page).open(url);
      joinedTo.push(await libraryShown(page));
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await context.close();
    }
    expect(joinedTo).toEqual(Array.from({ length: ROUNDS }, () => library));
  }, 240_000);
});
