// `npm run dev`: Vite with hot reload on :5173, proxying /api to `wrangler dev` on :8787.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { offlineWranglerEnv } from './wrangler-env.js';

if (!existsSync('.dev.vars')) copyFileSync('.dev.vars.example', '.dev.vars');
// Static assets are served by Vite in dev; wrangler only needs the folder to exist.
mkdirSync('build', { recursive: true });

const children = [
  spawn('node_modules/.bin/wrangler', ['dev', '--local', '--port', '8787'], {
    stdio: 'inherit',
    env: { ...process.env, ...offlineWranglerEnv },
  }),
  spawn('node_modules/.bin/vite', ['dev'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((child) => child.on('exit', stop));
