import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { WritePage } from './write-page.ts';

export const PHONE_VIEWPORT = { width: 375, height: 812 };

export interface Phone {
  readonly browser: Browser;
  /** A fresh browser profile for each test, closed after it. */
  readonly context: BrowserContext;
  readonly write: WritePage;
}

/** One Chromium for the file and a fresh phone-sized profile per test, with the Write page. */
export function usePhone(options: BrowserContextOptions = {}): Phone {
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
    context = await browser.newContext({ viewport: PHONE_VIEWPORT, ...options });
    write = new WritePage(await context.newPage());
  });
  afterEach(async () => {
    await context.close();
  });
  return {
    get browser() {
      return browser;
    },
    get context() {
      return context;
    },
    get write() {
      return write;
    },
  };
}

export interface Phones {
  readonly browser: Browser;
  /** One more phone-sized profile (several devices of one person), closed after the file. */
  newPhone(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
}

/** One Chromium for the file, and as many phone profiles as a test asks for. */
export function usePhones(): Phones {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser.close();
  });
  return {
    get browser() {
      return browser;
    },
    async newPhone(options = {}) {
      const context = await browser.newContext({ viewport: PHONE_VIEWPORT, ...options });
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
  };
}
