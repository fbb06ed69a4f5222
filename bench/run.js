// `npm run bench`: runs every benchmark, prints its table and writes bench/results/<name>.{md,json}.
// `npm run bench -- --quick` runs smaller sizes (a smoke test of the harness).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import * as deviceShelving from './device-shelving.js';
import * as librarianTokens from './librarian-tokens.js';
import * as initialJs from './initial-js.js';
import * as lighthouse from './lighthouse.js';
import * as picturesJs from './pictures-js.js';
import * as saveLatency from './save-latency.js';
import * as searchLatency from './search-latency.js';
import * as syncThroughput from './sync-throughput.js';
import * as timelineStartup from './timeline-startup.js';
import * as workerOverhead from './worker-overhead.js';

const benchmarks = [
  saveLatency,
  searchLatency,
  initialJs,
  picturesJs,
  timelineStartup,
  lighthouse,
  deviceShelving,
  librarianTokens,
  workerOverhead,
  syncThroughput,
];
const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);

mkdirSync('bench/results', { recursive: true });
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
for (const benchmark of benchmarks) {
  if (only && benchmark.name !== only) continue;
  const started = Date.now();
  const result = await benchmark.run({ quick });
  const header = `## ${result.title}\n\n${new Date().toISOString()} · ${machine}${quick ? ' · quick' : ''}\n`;
  console.log(`${header}\n${result.table}\n\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  writeFileSync(`bench/results/${benchmark.name}.md`, `${header}\n${result.table}\n`);
  writeFileSync(
    `bench/results/${benchmark.name}.json`,
    JSON.stringify({ ...result, machine, quick }, null, 2),
  );
}
