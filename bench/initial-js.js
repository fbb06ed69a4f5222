// Initial JavaScript of the built app, gzipped: what the browser must fetch and run before the
// first screen (Write) can show — SvelteKit's entry and app, the root layout and the Write page,
// and every chunk they import statically. Lazy chunks (API client, zod, backup, other pages) are
// listed apart. Reads the Vite manifest of the last `vite build`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { markdownTable } from './support/stats.js';

export const name = 'initial-js';

const OUTPUT = '.svelte-kit/output/client';
const TARGET_KB = 80;

export function gzipKb(file) {
  return gzipSync(readFileSync(`${OUTPUT}/${file}`), { level: 9 }).length / 1024;
}

/** Builds the app unless a quick run finds a build already there; returns the Vite manifest. */
export function readManifest(quick) {
  if (!quick || !existsSync(`${OUTPUT}/.vite/manifest.json`)) {
    execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  }
  return JSON.parse(readFileSync(`${OUTPUT}/.vite/manifest.json`, 'utf8'));
}

/** Every chunk a module imports statically, itself included (manifest keys). */
export function staticClosure(manifest, roots) {
  const closure = new Set();
  const stack = [...roots];
  while (stack.length > 0) {
    const key = stack.pop();
    if (closure.has(key)) continue;
    closure.add(key);
    stack.push(...(manifest[key].imports ?? []));
  }
  return closure;
}

/**
 * The chunks the first screen (Write) needs: entry, app, root layout, Write page, and imports,
 * plus one dictionary — each is its own chunk and only the active language's loads, so the
 * larger one is counted (the worst case).
 */
export function initialChunks(manifest) {
  const roots = Object.keys(manifest).filter(
    (key) =>
      key.endsWith('client/entry.js') ||
      key.endsWith('client-optimized/app.js') ||
      key.endsWith('nodes/0.js') ||
      key.endsWith('nodes/2.js'),
  );
  const dictionaries = ['app/lib/i18n/en.ts', 'app/lib/i18n/zh.ts'].filter((key) => manifest[key]);
  const larger = dictionaries.sort(
    (a, b) => gzipKb(manifest[b].file) - gzipKb(manifest[a].file),
  )[0];
  if (larger) roots.push(larger);
  return staticClosure(manifest, roots);
}

/** Names the biggest modules a chunk holds, to say what the bytes are. */
export function label(key, chunk) {
  if (chunk.name && !/^[A-Za-z0-9_-]{8}$/u.test(chunk.name)) return chunk.name;
  return key.replace('.svelte-kit/generated/client-optimized/', '').replace('node_modules/', '');
}

export async function run({ quick = false } = {}) {
  const manifest = readManifest(quick);
  const initial = initialChunks(manifest);
  const rows = [...initial]
    .map((key) => ({ chunk: label(key, manifest[key]), file: manifest[key].file }))
    .map((row) => ({ ...row, 'gzip KB': Number(gzipKb(row.file).toFixed(1)) }))
    .sort((a, b) => b['gzip KB'] - a['gzip KB']);
  const total = rows.reduce((sum, row) => sum + row['gzip KB'], 0);
  const lazy = Object.entries(manifest)
    .filter(([key, chunk]) => !initial.has(key) && chunk.file.endsWith('.js'))
    .reduce((sum, [, chunk]) => sum + gzipKb(chunk.file), 0);
  rows.push({ chunk: '**initial total**', file: '', 'gzip KB': Number(total.toFixed(1)) });
  rows.push({
    chunk: `target ≤ ${TARGET_KB} KB`,
    file: '',
    'gzip KB': total <= TARGET_KB ? 'met' : 'missed',
  });
  rows.push({ chunk: 'lazy chunks (all other JS)', file: '', 'gzip KB': Number(lazy.toFixed(1)) });
  return {
    title: 'Initial JS of the built app (gzip -9), Write page',
    rows,
    table: markdownTable(rows),
    totalKb: total,
  };
}
