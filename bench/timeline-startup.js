// Timeline start-up in Chromium on the built app, offline, with 10,000 memories in IndexedDB:
// from the app starting (its JS loaded: `app-start`) to the first timeline rows on screen
// (`timeline-rows`), against a bare Dexie open and read of the newest 30 rows in the same page.
import { build } from 'esbuild';
import { launchChromium } from '../tests/e2e/support/browser.js';
import { startApp } from './support/app-server.js';
import { markdownTable, percentile, round } from './support/stats.js';

export const name = 'timeline-startup';

const TARGET_MS = 300;

async function seedScript() {
  const bundle = await build({
    entryPoints: ['bench/pages/timeline-seed.ts'],
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    platform: 'browser',
  });
  return bundle.outputFiles[0].text;
}

/** The app's own marks of one start-up: milliseconds since navigation began. */
function readMarks(page) {
  return page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    return { start: at('app-start'), ready: at('app-ready'), rows: at('timeline-rows') };
  });
}

export async function run({ quick = false } = {}) {
  const size = quick ? 1_000 : 10_000;
  const runs = quick ? 3 : 10;
  const [script, server] = await Promise.all([seedScript(), startApp()]);
  const browser = await launchChromium();
  try {
    // bypassCSP: the seeding script is injected into the app's page, which allows no inline script.
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    const timelineUrl = `${server.url}/timeline?lang=en`;
    await page.goto(timelineUrl);
    // The service worker serves the app from here on, with the network cut.
    await page.waitForFunction(
      () => navigator.serviceWorker.controller?.state === 'activated',
      null,
      { timeout: 60_000 },
    );
    await page.addScriptTag({ content: script });
    const seeded = await page.evaluate((count) => window.seedMemories(count), size);
    await context.setOffline(true);

    const app = [];
    const toReady = [];
    const fromNavigation = [];
    const bare = [];
    for (let i = 0; i < runs + 1; i += 1) {
      await page.goto(timelineUrl);
      await page.waitForFunction(
        () => performance.getEntriesByName('timeline-rows').length > 0,
        null,
        {
          timeout: 60_000,
        },
      );
      const marks = await readMarks(page);
      await page.addScriptTag({ content: script });
      const bareMs = await page.evaluate(() => window.bareFirstRows());
      if (i === 0) continue; // the first load fills caches; it is not a start-up a person repeats
      app.push(marks.rows - marks.start);
      toReady.push(marks.ready - marks.start);
      fromNavigation.push(marks.rows);
      bare.push(bareMs);
    }
    const row = (what, samples) => ({
      measure: what,
      runs: samples.length,
      'median (ms)': round(percentile(samples, 50), 1),
      'max (ms)': round(Math.max(...samples), 1),
    });
    const rows = [
      row('app start → first timeline rows on screen', app),
      row('app start → app ready (language, first memories, draft)', toReady),
      row('navigation → first timeline rows (includes loading the JS)', fromNavigation),
      row('baseline: bare Dexie open + newest 30 rows', bare),
    ];
    const median = percentile(app, 50);
    rows.push({
      measure: `target ≤ ${TARGET_MS} ms (median, app start → rows)`,
      runs: '',
      'median (ms)': median <= TARGET_MS ? 'met' : 'missed',
      'max (ms)': '',
    });
    return {
      title: `Timeline start-up in Chromium, offline, ${seeded.toLocaleString('en')} memories`,
      rows,
      table: markdownTable(rows),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
