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

  /** Waits until an activated service worker controls this page, so going offline is safe. */
  async waitForServiceWorker(): Promise<void> {
    await this.page.waitForFunction(
      () => navigator.serviceWorker.controller?.state === 'activated',
      undefined,
      // A loaded CI machine can take tens of seconds to install and activate the worker.
      { timeout: 60_000, polling: 200 },
    );
  }
}
