// A streamed librarian reply through the Worker (wrangler's local workerd, real HTTP) against the
// same reply straight from the fake upstream, in the same run: the Worker's added latency, and
// workerd's CPU time per request read from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';
import { unstable_startWorker } from 'wrangler';
import { offlineWranglerEnv } from '../scripts/wrangler-env.js';
import { startFakeUpstream } from '../tests/fakes/openrouter-fake.js';
import { markdownTable, percentile, round } from './support/stats.js';

export const name = 'worker-overhead';

const TEXT =
  '今天在超市看到桂花糕，想起外婆。She always said less sugar, and never listened to herself.';

/** Drains a response and returns the milliseconds from sending to the last byte. */
async function timed(send) {
  const started = performance.now();
  const response = await send();
  if (!response.ok) throw new Error(`status ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
  return performance.now() - started;
}

/** utime + stime (ms) of this process's workerd children: the Worker, its DOs and its fetches. */
function workerdCpuMs() {
  const tick = 10; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(workerd)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

export async function run({ quick = false } = {}) {
  Object.assign(process.env, offlineWranglerEnv, { WRANGLER_LOG: 'warn' });
  const samples = quick ? 30 : 200;
  const fake = await startFakeUpstream({ port: 0 });
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings: Object.fromEntries(
      Object.entries({
        LLM_BASE_URL: `${fake.url}/api/v1`,
        OPENROUTER_API_KEY: 'bench-key',
        OPEN_REGISTRATION: 'true',
        DAILY_TOKEN_BUDGET: '1000000000',
        MONTHLY_TOKEN_BUDGET: '1000000000',
        GLOBAL_DAILY_TOKEN_BUDGET: '1000000000',
      }).map(([key, value]) => [key, { type: 'plain_text', value }]),
    ),
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      persist: false,
      watch: false,
    },
  });
  try {
    await worker.ready;
    const base = String(await worker.url).replace(/\/$/, '');
    const registered = await fetch(`${base}/api/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceName: 'bench' }),
    }).then((response) => response.json());
    const viaWorker = (index) =>
      fetch(`${base}/api/v1/librarian/catalog`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${registered.token}`,
        },
        body: JSON.stringify({
          // A new entry id each time, so the reply cache never answers.
          entry: { id: `b-${index}`, text: TEXT, writtenAt: '2026-11-29T21:00:00+08:00' },
          stream: true,
        }),
      });
    // Warm up both paths, then capture the exact body the Worker sends upstream.
    for (let index = 0; index < 5; index += 1) await timed(() => viaWorker(`warm-${index}`));
    const upstreamBody = fake.requests.at(-1).raw;
    const direct = () =>
      fetch(`${fake.url}/api/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer bench-key' },
        body: upstreamBody,
      });
    const worked = [];
    const straight = [];
    let cpu = 0;
    for (let index = 0; index < samples; index += 1) {
      straight.push(await timed(direct));
      const before = workerdCpuMs();
      worked.push(await timed(() => viaWorker(index)));
      cpu += workerdCpuMs() - before;
    }
    const added = worked.map((ms, index) => ms - (straight[index] ?? 0));
    const rows = [
      {
        path: 'straight from the fake upstream (baseline)',
        'p50 (ms)': round(percentile(straight, 50), 2),
        'p95 (ms)': round(percentile(straight, 95), 2),
        'ratio p50': '1×',
      },
      {
        path: 'through the Worker (auth, budget reserve + settle in 2 DOs, SSE relay)',
        'p50 (ms)': round(percentile(worked, 50), 2),
        'p95 (ms)': round(percentile(worked, 95), 2),
        'ratio p50': `${round(percentile(worked, 50) / percentile(straight, 50), 2)}×`,
      },
      {
        path: 'added by the Worker (paired samples)',
        'p50 (ms)': round(percentile(added, 50), 2),
        'p95 (ms)': round(percentile(added, 95), 2),
        'ratio p50': '',
      },
      {
        path: 'workerd CPU per request (utime+stime, 10 ms ticks, averaged)',
        'p50 (ms)': round(cpu / samples, 2),
        'p95 (ms)': '',
        'ratio p50': '',
      },
    ];
    return {
      title: `Worker overhead on a streamed reply (${samples} paired samples, local workerd)`,
      rows,
      table: markdownTable(rows),
    };
  } finally {
    await worker.dispose();
    await fake.close();
  }
}
