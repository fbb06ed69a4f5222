// Dexie save latency in Chromium at 1,000 and 10,000 memories (median, p95), against a bare
// IndexedDB put of the same record measured in the same run.
import { openBenchPage } from './support/chromium-page.js';
import { markdownTable, percentile, round } from './support/stats.js';

export const name = 'save-latency';

export async function run({ quick = false } = {}) {
  const sizes = quick ? [200, 1_000] : [1_000, 10_000];
  const samples = quick ? 50 : 300;
  const { page, close } = await openBenchPage('bench/pages/save-latency.ts');
  try {
    await page.waitForFunction(() => 'runSaveLatency' in window);
    const results = await page.evaluate((options) => window.runSaveLatency(options), {
      sizes,
      samples,
    });
    const rows = results.map(({ size, merging, dexie, bare, planMs, writeMs, longestStepMs }) => ({
      memories: size.toLocaleString('en'),
      'index merges': merging ? 'idle-time, as in the app' : 'held back',
      samples: dexie.length,
      'save median (ms)': round(percentile(dexie, 50)),
      'save p95 (ms)': round(percentile(dexie, 95)),
      'bare put median (ms)': round(percentile(bare, 50)),
      'bare put p95 (ms)': round(percentile(bare, 95)),
      'ratio p95': `${round(percentile(dexie, 95) / percentile(bare, 95), 2)}×`,
      'merge afterwards: plan / write (ms), in steps of at most (ms)':
        planMs === undefined
          ? '—'
          : `${round(planMs, 1)} / ${round(writeMs, 1)}, ${round(longestStepMs, 1)}`,
    }));
    return {
      title: 'Save latency in Chromium: app save (Dexie) vs bare IndexedDB put',
      rows,
      table: markdownTable(rows),
    };
  } finally {
    await close();
  }
}
