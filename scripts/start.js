// `npm start`: build the app, then serve app + API on one port with `wrangler dev` (local mode:
// no Cloudflare account, Durable Object storage under .wrangler/state). Extra arguments go to
// wrangler, e.g. `npm start -- --port 8800 --var LLM_BASE_URL:http://127.0.0.1:1234/v1`.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { offlineWranglerEnv } from './wrangler-env.js';

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('Created .dev.vars from .dev.vars.example (open registration, no model key).');
}

// Always a production build (the service worker registers only there), even when a test runner
// has set NODE_ENV=test around us.
const build = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
if (build.status !== 0) process.exit(build.status ?? 1);
const headers = spawnSync('node', ['scripts/write-headers.js'], { stdio: 'inherit' });
if (headers.status !== 0) process.exit(headers.status ?? 1);

const wrangler = spawn('node_modules/.bin/wrangler', ['dev', '--local', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ...offlineWranglerEnv },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => wrangler.kill(signal));
}
wrangler.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
