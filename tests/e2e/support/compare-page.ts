import type { Locator, Page } from 'playwright-core';

/** The Compare page: one memory, 2–4 models, replies side by side, "Keep this one". */
export class ComparePage {
  constructor(readonly page: Page) {}

  get memorySelect(): Locator {
    return this.page.getByRole('combobox', { name: 'Memory' });
  }
  get models(): Locator {
    return this.page.getByRole('group', { name: /Models/ }).getByRole('checkbox');
  }
  get sendButton(): Locator {
    return this.page.getByRole('button', { name: 'Send to these models' });
  }
  get replies(): Locator {
    return this.page.getByRole('region', { name: 'Replies' }).getByRole('region');
  }
  reply(model: string): Locator {
    return this.page.getByRole('region', { name: model, exact: true });
  }

  /** Open it from the navigation link, as a person would. */
  async openFromNav(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
    await this.page.getByRole('heading', { name: 'Compare models', level: 1 }).waitFor();
  }
}
