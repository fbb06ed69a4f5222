// Search latency in Chromium at 10,000 memories: the app's IndexedDB index (BM25, CJK bigrams)
// vs a linear `includes` scan over the same texts already in memory, measured in the same run.
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
    const p95 = percentile(result.index, 95);
    const rows = [
      {
        memories: size.toLocaleString('en'),
        queries: result.index.length,
        'index median (ms)': round(percentile(result.index, 50)),
        'index p95 (ms)': round(p95),
        'scan median (ms)': round(percentile(result.scan, 50)),
        'scan p95 (ms)': round(percentile(result.scan, 95)),
        'ratio p95': `${round(p95 / percentile(result.scan, 95), 2)}×`,
        'target p95 ≤ 20 ms': p95 <= 20 ? 'met' : 'missed',
      },
    ];
    return {
      title: 'Search latency in Chromium: IndexedDB index (BM25) vs linear includes scan',
      rows,
      hits: result.hits,
      table: markdownTable(rows),
    };
  } finally {
    await close();
  }
}
