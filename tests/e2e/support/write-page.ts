import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** The Write page as a person sees it, found by the accessible names in DESIGN.md §7. */
export class WritePage {
  constructor(readonly page: Page) {}

  get textbox(): Locator {
    return this.page.getByRole('textbox', { name: 'New memory' });
  }
  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save', exact: true });
  }
  get syncStatus(): Locator {
    return this.page.getByRole('status', { name: 'Sync status' });
  }
  get librarianReply(): Locator {
    return this.page.getByRole('region', { name: "Librarian's reply" });
  }
  get memories(): Locator {
    return this.page.getByRole('article');
  }
  memory(text: string): Locator {
    return this.memories.filter({ hasText: text });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/?lang=en`);
    await this.textbox.waitFor();
  }

  async write(text: string): Promise<void> {
    await this.textbox.fill(text);
    await this.saveButton.click();
    await this.memory(text.slice(0, 40)).first().waitFor();
    await expect.poll(() => this.syncStatus.textContent()).not.toContain('Saving');
  }

  /**
   * Waits until the service worker is activated and controls this page, so going offline is safe.
   * A first visit is controlled only after a reload (the worker never claims pages by force).
   */
  async waitForServiceWorker(): Promise<void> {
    await this.page.waitForFunction(
      async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
      undefined,
      { timeout: 30_000, polling: 200 },
    );
    if (!(await this.page.evaluate(() => navigator.serviceWorker.controller !== null))) {
      await this.page.reload();
      await this.textbox.waitFor();
    }
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
  }
}
