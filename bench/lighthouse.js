// Lighthouse 12 (pinned) mobile performance of the built app as `npm start` serves it: the
// default mobile settings (Moto G Power emulation, simulated slow 4G and 4× CPU slowdown), in
// Debian's headless Chromium launched by chrome-launcher. Not part of `npm test` or CI: a score
// depends on the machine, and this one is shared.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { args, executablePath } from '../tests/e2e/support/browser.js';
import { startServer } from '../tests/e2e/support/server.js';
import { findFreePort } from '../tests/e2e/support/free-port.js';
import { startApp } from './support/app-server.js';
import { markdownTable, percentile, round } from './support/stats.js';

export const name = 'lighthouse';

const TARGET_SCORE = 95;
const METRICS = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'Speed Index',
  interactive: 'TTI',
};

async function audit(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: executablePath,
    chromeFlags: ['--headless=new', ...args],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    const metrics = Object.fromEntries(
      Object.entries(METRICS).map(([id, label]) => [label, lhr.audits[id]?.displayValue ?? '—']),
    );
    return {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      metrics,
      // Lighthouse's own measure of this machine's speed: a busy machine scores lower.
      benchmarkIndex: lhr.environment.benchmarkIndex,
    };
  } finally {
    chrome.kill();
  }
}

/**
 * The same build served without its Cross-Origin-Opener-Policy header, for comparison only (the
 * app keeps the header). Lighthouse loads the page from about:blank: with the header, Chromium
 * moves the page to a browsing context group, and a renderer, of its own, and that renderer's
 * set-up (a V8 context, its first style) is main-thread time on the page's clock.
 */
async function startWithoutOpenerPolicy() {
  const assets = mkdtempSync(path.join(tmpdir(), 'memory-library-no-coop-'));
  cpSync('build', assets, { recursive: true });
  const headersFile = path.join(assets, '_headers');
  const headers = readFileSync(headersFile, 'utf8');
  const without = headers.replace(/^ {2}Cross-Origin-Opener-Policy: .*\n/m, '');
  if (without === headers) throw new Error('build/_headers has no Cross-Origin-Opener-Policy');
  writeFileSync(headersFile, without);
  const server = await startServer({
    port: await findFreePort(),
    vars: { OPEN_REGISTRATION: 'true' },
    direct: true,
    assets,
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(assets, { recursive: true, force: true });
    },
  };
}

/** One row per run, then the median's. */
function tableRows(results) {
  const rows = results.map((result, i) => ({
    run: i + 1,
    'performance score': result.score,
    ...result.metrics,
    'machine benchmarkIndex': result.benchmarkIndex,
  }));
  const median = percentile(
    results.map((result) => result.score),
    50,
  );
  rows.push({
    run: 'median',
    'performance score': round(median, 0),
    ...Object.fromEntries(Object.values(METRICS).map((label) => [label, ''])),
    'machine benchmarkIndex': '',
  });
  return { rows, median };
}

export async function run({ quick = false } = {}) {
  const runs = quick ? 1 : 3;
  const server = await startApp();
  const comparison = await startWithoutOpenerPolicy().catch(async (error) => {
    await server.stop();
    throw error;
  });
  try {
    const served = [];
    const withoutPolicy = [];
    // Interleaved, so that a slow moment of this shared machine hits both alike.
    for (let i = 0; i < runs; i += 1) {
      served.push(await audit(`${server.url}/?lang=en`));
      withoutPolicy.push(await audit(`${comparison.url}/?lang=en`));
    }
    const app = tableRows(served);
    const compared = tableRows(withoutPolicy);
    app.rows.at(-1)['performance score'] =
      `${round(app.median, 0)} (target ≥ ${TARGET_SCORE}: ${app.median >= TARGET_SCORE ? 'met' : 'missed'})`;
    return {
      title: 'Lighthouse 12.2.3 mobile performance, Write page of the built app (npm start)',
      rows: app.rows,
      table: [
        markdownTable(app.rows),
        '',
        'For comparison only, in the same run: the same build served without its',
        '`Cross-Origin-Opener-Policy: same-origin` header (the app keeps it). From about:blank,',
        "the header makes Chromium set up a renderer of its own for the page, on the page's clock.",
        '',
        markdownTable(compared.rows),
      ].join('\n'),
      medianScore: app.median,
      medianScoreWithoutOpenerPolicy: compared.median,
    };
  } finally {
    await Promise.all([server.stop(), comparison.stop()]);
  }
}
