import type { TestProject } from 'vitest/node';
import { startFakeUpstream } from './openrouter-fake.js';

/** Starts the fake upstream in Node for the Worker tests; the Worker reaches it over loopback. */
export default async function setup(project: TestProject) {
  const fake = await startFakeUpstream({ port: 0 });
  project.provide('upstreamUrl', fake.url);
  return async () => {
    await fake.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    upstreamUrl: string;
  }
}
