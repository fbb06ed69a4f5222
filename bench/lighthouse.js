// Lighthouse 12 (pinned) mobile performance of the built app as `npm start` serves it: the
// default mobile settings (Moto G Power emulation, simulated slow 4G and 4× CPU slowdown), in
// Debian's headless Chromium launched by chrome-launcher. Not part of `npm test` or CI: a score
// depends on the machine, and this one is shared.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { args, executablePath } from '../tests/e2e/support/browser.js';
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

export async function run({ quick = false } = {}) {
  const runs = quick ? 1 : 3;
  const server = await startApp();
  try {
    const url = `${server.url}/?lang=en`;
    const results = [];
    for (let i = 0; i < runs; i += 1) results.push(await audit(url));
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
      'performance score': `${round(median, 0)} (target ≥ ${TARGET_SCORE}: ${median >= TARGET_SCORE ? 'met' : 'missed'})`,
      ...Object.fromEntries(Object.values(METRICS).map((label) => [label, ''])),
      'machine benchmarkIndex': '',
    });
    return {
      title: 'Lighthouse 12.2.3 mobile performance, Write page of the built app (npm start)',
      rows,
      table: markdownTable(rows),
      medianScore: median,
    };
  } finally {
    await server.stop();
  }
}
