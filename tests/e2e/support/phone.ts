import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
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
