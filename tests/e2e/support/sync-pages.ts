import type { Locator, Page } from 'playwright-core';

/** A memory page's "Versions of this memory" region (SYNC-12): every head's text side by side. */
export class VersionsRegion {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Versions of this memory' });
  }
  get versions(): Locator {
    return this.region.getByRole('group');
  }
  get keepButtons(): Locator {
    return this.region.getByRole('button', { name: 'Keep this version' });
  }
}

/** Settings' Sync section: last sync, what waits and why, and the not-synced list. */
export class SyncSection {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Sync', exact: true });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/settings?lang=en`);
    await this.section.waitFor();
  }
}
