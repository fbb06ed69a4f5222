import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

/**
 * One vitest run, three projects: `unit` (Node: shared logic, Dexie against fake-indexeddb,
 * the fake upstream), `worker` (inside workerd, against the fake upstream on loopback) and
 * `e2e` (real Chromium against `npm start`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [svelte({ compilerOptions: { runes: true } })],
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'app/**/*.test.ts', 'tests/fakes/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            main: './worker/index.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                LLM_BASE_URL: `${inject('upstreamUrl')}/api/v1`,
                OPENROUTER_API_KEY: 'test-key',
                OPEN_REGISTRATION: 'true',
                DAILY_TOKEN_BUDGET: '200000',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['tests/worker/**/*.test.ts'],
          globalSetup: ['tests/fakes/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          // After the other projects: its `npm start` rebuilds build/, which workerd serves.
          sequence: { groupOrder: 1 },
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
