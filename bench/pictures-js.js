// Size of the Pictures page's lazily loaded code (issue 6), gzipped: the /pictures route chunk and
// the chunks it alone imports, then the chart (uPlot) and graph layout (d3-force) libraries it
// loads with `import()` — against the initial JS of the Write page (bench/initial-js.js) as the
// baseline. None of it is in what every page loads (the initial set and the app's state chunk):
// that is checked, not assumed.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { markdownTable } from './support/stats.js';
import { gzipKb, initialChunks, readManifest, staticClosure } from './initial-js.js';

export const name = 'pictures-js';

const OUTPUT = '.svelte-kit/output/client';
const NODES = '.svelte-kit/generated/client-optimized/nodes';

/** The route node whose generated module loads the Pictures page. */
function picturesNode(manifest) {
  const key = Object.keys(manifest).find(
    (candidate) =>
      candidate.startsWith(NODES) &&
      readFileSync(candidate, 'utf8').includes('routes/pictures/+page.svelte'),
  );
  if (!key) throw new Error('no /pictures route in the build');
  return key;
}

const kb = (value) => Number(value.toFixed(1));
/** A chunk by the module Vite named it after ("emotions", "uPlot.esm", "nodes/7"). */
const label = (manifest, key) => manifest[key].name ?? key;

export async function run({ quick = false } = {}) {
  const manifest = readManifest(quick);
  const initial = initialChunks(manifest);
  const initialKb = [...initial].reduce((sum, key) => sum + gzipKb(manifest[key].file), 0);
  // Every page loads the initial chunks and, right after the first paint, the app's state: only
  // what the Pictures page adds to those counts.
  const appState = Object.keys(manifest).filter((key) => manifest[key].name === 'app-state');
  const everyPage = new Set([...initial, ...staticClosure(manifest, appState)]);
  const route = staticClosure(manifest, [picturesNode(manifest)]);
  const routeOnly = [...route].filter((key) => !everyPage.has(key));
  const libraries = routeOnly.flatMap((key) => manifest[key].dynamicImports ?? []);
  const leaked = libraries.filter((key) => everyPage.has(key));
  if (leaked.length > 0) throw new Error(`loaded on every page: ${leaked.join(', ')}`);
  const css = routeOnly.flatMap((key) => manifest[key].css ?? []);
  const cssKb = css.reduce(
    (sum, file) => sum + gzipSync(readFileSync(`${OUTPUT}/${file}`), { level: 9 }).length / 1024,
    0,
  );

  const rows = [
    ...routeOnly.map((key) => ({
      part: `route: ${label(manifest, key)}`,
      'gzip KB': kb(gzipKb(manifest[key].file)),
    })),
    ...libraries.map((key) => ({
      part: `import(): ${label(manifest, key)}`,
      'gzip KB': kb(gzipKb(manifest[key].file)),
    })),
    { part: 'route CSS (incl. uPlot’s)', 'gzip KB': kb(cssKb) },
  ];
  const lazyKb = rows.reduce((sum, row) => sum + row['gzip KB'], 0);
  rows.push({ part: '**Pictures, loaded on demand (total)**', 'gzip KB': kb(lazyKb) });
  rows.push({ part: 'baseline: initial JS (Write page)', 'gzip KB': kb(initialKb) });
  rows.push({ part: 'ratio to the baseline', 'gzip KB': `${(lazyKb / initialKb).toFixed(2)}×` });
  return {
    title: 'Pictures page: lazily loaded chart and graph code (gzip -9) vs the initial JS',
    rows,
    table: markdownTable(rows),
    lazyKb,
    initialKb,
  };
}
