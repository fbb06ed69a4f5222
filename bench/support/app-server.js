import { findFreePort } from '../../tests/e2e/support/free-port.js';
import { startServer } from '../../tests/e2e/support/server.js';

/**
 * The built app and its API as `npm start` serves them (a fresh build, local wrangler, its own
 * Durable Object store), with no model configured: the benchmarks measure the app, offline.
 */
export async function startApp() {
  return startServer({ port: await findFreePort(), vars: { OPEN_REGISTRATION: 'true' } });
}
