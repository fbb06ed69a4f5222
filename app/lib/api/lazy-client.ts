import type { ApiClient, ApiClientOptions } from './client.ts';

/**
 * The API client, loaded on first use: it carries zod and the SSE parser, which the first screen
 * (writing, reading, offline) never needs. Same interface as createApiClient.
 */
export function createLazyApiClient(options: ApiClientOptions = {}): ApiClient {
  let client: Promise<ApiClient> | undefined;
  const load = () =>
    (client ??= import('./client.ts').then(({ createApiClient }) => createApiClient(options)));
  return {
    getHealth: async (...args) => (await load()).getHealth(...args),
    registerDevice: async (...args) => (await load()).registerDevice(...args),
    catalog: async (...args) => (await load()).catalog(...args),
    catalogStream: async (...args) => (await load()).catalogStream(...args),
    catalogBatch: async (...args) => (await load()).catalogBatch(...args),
    listDevices: async (...args) => (await load()).listDevices(...args),
    startPairing: async (...args) => (await load()).startPairing(...args),
    pairDevice: async (...args) => (await load()).pairDevice(...args),
    revokeDevice: async (...args) => (await load()).revokeDevice(...args),
    getUsage: async (...args) => (await load()).getUsage(...args),
    listModels: async (...args) => (await load()).listModels(...args),
    compare: async (...args) => (await load()).compare(...args),
  };
}
