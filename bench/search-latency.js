// Search latency in Chromium at 10,000 memories: the app's IndexedDB index (BM25, CJK bigrams)
// vs a linear `includes` scan over the same texts already in memory, measured in the same run.
// The index is measured fully merged and with the most memories that saves a moment apart leave
// pending (saved since the last merge: search reads their forward rows as well as the packed rows).
import { openBenchPage } from './support/chromium-page.js';
import { markdownTable, percentile, round } from './support/stats.js';

export const name = 'search-latency';

export async function run({ quick = false } = {}) {
  const size = quick ? 1_000 : 10_000;
  const rounds = quick ? 3 : 10;
  const { page, close } = await openBenchPage('bench/pages/search-latency.ts');
  try {
    await page.waitForFunction(() => 'runSearchLatency' in window);
    const result = await page.evaluate((options) => window.runSearchLatency(options), {
      size,
      rounds,
    });
    const scanP95 = percentile(result.scan, 95);
    const row = (state, samples) => {
      const p95 = percentile(samples, 95);
      return {
        memories: size.toLocaleString('en'),
        index: state,
        queries: samples.length,
        'index median (ms)': round(percentile(samples, 50)),
        'index p95 (ms)': round(p95),
        'scan median (ms)': round(percentile(result.scan, 50)),
        'scan p95 (ms)': round(scanP95),
        'ratio p95': `${round(p95 / scanP95, 2)}×`,
        'target p95 ≤ 20 ms': p95 <= 20 ? 'met' : 'missed',
      };
    };
    const rows = [
      row('merged', result.index),
      row(`${result.pendingCount} pending`, result.pending),
    ];
    return {
      title: 'Search latency in Chromium: IndexedDB index (BM25) vs linear includes scan',
      rows,
      hits: result.hits,
      slowest: slowest(result.byQuery),
      slowestPending: slowest(result.byQueryPending),
      table: markdownTable(rows),
    };
  } finally {
    await close();
  }
}

function slowest(byQuery) {
  return Object.entries(byQuery)
    .map(([query, times]) => ({
      query,
      'p50 (ms)': round(percentile(times, 50)),
      'max (ms)': round(Math.max(...times)),
    }))
    .sort((a, b) => b['max (ms)'] - a['max (ms)'])
    .slice(0, 6);
}
