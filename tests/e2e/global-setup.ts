import type { TestProject } from 'vitest/node';
import { startFakeUpstream } from '../fakes/openrouter-fake.js';
import { findFreePort } from './support/free-port.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Two servers for the browser tests: the app as `npm start` serves it with the fake upstream as
 * its model, and a second one with no model configured (the librarian is offline).
 */
export default async function setup(project: TestProject) {
  const upstream = await startFakeUpstream();
  const servers: RunningServer[] = [];
  try {
    servers.push(
      await startServer({
        port: await findFreePort(),
        vars: {
          LLM_BASE_URL: `${upstream.url}/api/v1`,
          OPENROUTER_API_KEY: 'e2e-test-key',
          OPEN_REGISTRATION: 'true',
        },
      }),
    );
    servers.push(
      await startServer({
        port: await findFreePort(),
        direct: true,
        vars: { OPEN_REGISTRATION: 'true', LLM_BASE_URL: 'https://openrouter.ai/api/v1' },
      }),
    );
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    await upstream.close();
    throw error;
  }
  project.provide('appUrl', servers[0]!.url);
  project.provide('offlineLibrarianAppUrl', servers[1]!.url);
  project.provide('upstreamUrl', upstream.url);
  return async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await upstream.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    offlineLibrarianAppUrl: string;
  }
}
