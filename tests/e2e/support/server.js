import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { offlineWranglerEnv } from '../../../scripts/wrangler-env.js';
import { findFreePort } from './free-port.js';

// Plain JS so both the browser tests and the Node benchmark scripts can use it.

/** @typedef {{ url: string, stop(): Promise<void> }} RunningServer */

/**
 * Starts the app + API as a person would: `npm start` (build, then `wrangler dev`), with its own
 * port and a fresh Durable Object store. `direct` skips the build and runs wrangler on the
 * existing build/ (for a second server in the same run), or on `assets`, another directory.
 * @param {{ port: number, vars: Record<string, string>, direct?: boolean, assets?: string }} options
 * @returns {Promise<RunningServer>}
 */
export async function startServer(options) {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'memory-library-e2e-'));
  const wranglerArgs = [
    '--port',
    String(options.port),
    '--persist-to',
    persistTo,
    '--ip',
    '127.0.0.1',
    // wrangler's devtools port is fixed by default: servers running side by side would collide.
    '--inspector-port',
    String(await findFreePort()),
  ];
  for (const [name, value] of Object.entries(options.vars))
    wranglerArgs.push('--var', `${name}:${value}`);
  if (options.assets) wranglerArgs.push('--assets', options.assets);
  const [command, args] = options.direct
    ? ['node_modules/.bin/wrangler', ['dev', '--local', ...wranglerArgs]]
    : ['npm', ['start', '--', ...wranglerArgs]];
  // A process group of its own: npm/wrangler ignore SIGINT from a parent, so we signal the group.
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...offlineWranglerEnv },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHealth(url, child, 150_000);
  } catch (error) {
    stopGroup(child);
    throw new Error(
      `${/** @type {Error} */ (error).message}\n--- server output ---\n${output.slice(-4000)}`,
      {
        cause: error,
      },
    );
  }
  return {
    url,
    stop: async () => {
      stopGroup(child);
      await new Promise((resolve) => setTimeout(resolve, 300));
    },
  };
}

/**
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} timeoutMs
 */
async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server at ${url} did not become healthy in ${timeoutMs} ms`);
}

/** @param {import('node:child_process').ChildProcess} child */
function stopGroup(child) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
