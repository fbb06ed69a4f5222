// On-device shelving per memory in Chromium at 1,000 and 10,000 memories (median, p95), against a
// linear scan over every memory measured in the same run. (Recall@5 on the labelled set is a unit
// test: shared/device-librarian/related.test.ts.)
import { openBenchPage } from './support/chromium-page.js';
import { markdownTable, percentile, round } from './support/stats.js';

export const name = 'device-shelving';

export async function run({ quick = false } = {}) {
  const sizes = quick ? [200, 1_000] : [1_000, 10_000];
  const samples = quick ? 30 : 200;
  const { page, close } = await openBenchPage('bench/pages/device-shelving.ts');
  try {
    await page.waitForFunction(() => 'runDeviceShelving' in window);
    const results = await page.evaluate((options) => window.runDeviceShelving(options), {
      sizes,
      samples,
    });
    const rows = results.map(({ size, shelving, scan }) => ({
      memories: size.toLocaleString('en'),
      samples: shelving.length,
      'shelve median (ms)': round(percentile(shelving, 50)),
      'shelve p95 (ms)': round(percentile(shelving, 95)),
      'linear scan median (ms)': round(percentile(scan, 50)),
      'linear scan p95 (ms)': round(percentile(scan, 95)),
      'ratio p95': `${round(percentile(shelving, 95) / percentile(scan, 95), 2)}×`,
    }));
    return {
      title:
        'On-device shelving per memory (retrieval over in-memory postings + device card) vs a linear scan',
      rows,
      table: markdownTable(rows),
    };
  } finally {
    await close();
  }
}
