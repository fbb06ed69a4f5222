// Initial JavaScript of the built app, gzipped: what the browser must fetch and run before the
// first screen (Write) can show — SvelteKit's entry and app, the root layout, the root error page
// (Kit imports it at start), the Write page, every chunk they import statically, and one
// language's dictionary. The app's state, fetched alongside but not awaited, and the lazy chunks
// (API client, zod, backup, other pages) are listed apart. Reads the Vite manifest of the last `vite build` and checks it against the
// modulepreloads of the built index.html.
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

const LOCALES = ['en', 'zh'];

/**
 * The chunks the browser loads before the first screen (Write) can be used, for one language:
 * Kit's entry and app, the root layout, the root error page (Kit imports it at start), the Write
 * page, everything they import statically, and that language's dictionary (its own chunk, chosen
 * before render). Default: the larger dictionary, the worse of the two languages.
 */
export function initialChunks(manifest, locale) {
  const roots = Object.keys(manifest).filter(
    (key) =>
      key.endsWith('client/entry.js') ||
      key.endsWith('client-optimized/app.js') ||
      key.endsWith('nodes/0.js') ||
      key.endsWith('nodes/1.js') ||
      key.endsWith('nodes/2.js'),
  );
  const dictionary = (name) => `app/lib/i18n/${name}.ts`;
  const larger = [...LOCALES].sort(
    (a, b) => gzipKb(manifest[dictionary(b)].file) - gzipKb(manifest[dictionary(a)].file),
  )[0];
  roots.push(dictionary(locale ?? larger));
  return staticClosure(manifest, roots);
}

/**
 * The modulepreloads of the built index.html (the prerendered Write page) must all be counted:
 * the browser fetches them whatever the manifest walk says.
 */
function checkPreloads(manifest, initial) {
  const html = readFileSync('build/index.html', 'utf8');
  const counted = new Set([...initial].map((key) => manifest[key].file));
  const preloads = [...html.matchAll(/<link href="\/([^"]+\.js)" rel="modulepreload">/gu)].map(
    (match) => match[1],
  );
  const missing = preloads.filter((file) => !counted.has(file));
  if (missing.length > 0) throw new Error(`preloaded but not counted: ${missing.join(', ')}`);
}

/** Names the biggest modules a chunk holds, to say what the bytes are. */
export function label(key, chunk) {
  if (chunk.name && !/^[A-Za-z0-9_-]{8}$/u.test(chunk.name)) return chunk.name;
  return key.replace('.svelte-kit/generated/client-optimized/', '').replace('node_modules/', '');
}

export async function run({ quick = false } = {}) {
  const manifest = readManifest(quick);
  const totals = Object.fromEntries(
    LOCALES.map((locale) => {
      const chunks = initialChunks(manifest, locale);
      checkPreloads(manifest, chunks);
      return [locale, [...chunks].reduce((sum, key) => sum + gzipKb(manifest[key].file), 0)];
    }),
  );
  const initial = initialChunks(manifest);
  const rows = [...initial]
    .map((key) => ({ chunk: label(key, manifest[key]), file: manifest[key].file }))
    .map((row) => ({ ...row, 'gzip KB': Number(gzipKb(row.file).toFixed(1)) }))
    .sort((a, b) => b['gzip KB'] - a['gzip KB']);
  const total = Math.max(...Object.values(totals));
  const lazy = Object.entries(manifest)
    .filter(([key, chunk]) => !initial.has(key) && chunk.file.endsWith('.js'))
    .reduce((sum, [, chunk]) => sum + gzipKb(chunk.file), 0);
  for (const locale of LOCALES) {
    rows.push({
      chunk: `**initial total, ${locale}**`,
      file: '',
      'gzip KB': Number(totals[locale].toFixed(1)),
    });
  }
  rows.push({
    chunk: `target ≤ ${TARGET_KB} KB (both languages)`,
    file: '',
    'gzip KB': total <= TARGET_KB ? 'met' : 'missed',
  });
  // Fetched beside the dictionary by the layout's load, which does not wait for it: the shell
  // paints first, the Write page's form and memories when it has run. Listed for what it weighs.
  const appState = Object.values(manifest).find((chunk) => chunk.name === 'app-state');
  if (appState) {
    rows.push({
      chunk: 'app state (Dexie, stores), after first paint',
      file: appState.file,
      'gzip KB': Number(gzipKb(appState.file).toFixed(1)),
    });
  }
  rows.push({
    chunk: 'lazy chunks (all other JS, app state included)',
    file: '',
    'gzip KB': Number(lazy.toFixed(1)),
  });
  return {
    title:
      'Initial JS of the built app (gzip -9), Write page; chunks listed for the larger language',
    rows,
    table: markdownTable(rows),
    totalKb: total,
    totalsKb: totals,
  };
}
