import { chromium } from 'playwright-core';

export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Headless Debian Chromium, kept off every network but loopback (TOOLCHAIN.md).
export const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/**
 * Plain JS so both the browser tests and the Node benchmark scripts can use it.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchChromium() {
  return chromium.launch({ executablePath, headless: true, args });
}

/**
 * A browser with a real profile on disk. Chromium calls every `newContext()` profile incognito,
 * and incognito pages are never installable, so the install check needs this one.
 * @param {string} userDataDir
 * @param {import('playwright-core').BrowserContextOptions} [options]
 * @returns {Promise<import('playwright-core').BrowserContext>}
 */
export function launchPersistentChromium(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args,
    ...options,
  });
}
