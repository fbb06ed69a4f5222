import type { ApiClient } from './client.ts';
import type { DevicesClient } from './devices-client.ts';
import type { LibrarianClient } from './librarian-client.ts';
import type { ApiClientOptions } from './transport.ts';

/**
 * The API client, loaded on first use and in two halves: the first screen (writing, reading,
 * offline) needs neither zod nor the SSE parser, and start-up (health, registration) needs only
 * the devices' schemas; the librarian's, the largest, load with its first request. Same
 * interface as createApiClient.
 */
export function createLazyApiClient(options: ApiClientOptions = {}): ApiClient {
  let devices: Promise<DevicesClient> | undefined;
  let librarian: Promise<LibrarianClient> | undefined;
  const loadDevices = () =>
    (devices ??= import('./devices-client.ts').then((module) =>
      module.createDevicesClient(options),
    ));
  const loadLibrarian = () =>
    (librarian ??= import('./librarian-client.ts').then((module) =>
      module.createLibrarianClient(options),
    ));
  return {
    getHealth: async (...args) => (await loadDevices()).getHealth(...args),
    registerDevice: async (...args) => (await loadDevices()).registerDevice(...args),
    listDevices: async (...args) => (await loadDevices()).listDevices(...args),
    startPairing: async (...args) => (await loadDevices()).startPairing(...args),
    pairDevice: async (...args) => (await loadDevices()).pairDevice(...args),
    revokeDevice: async (...args) => (await loadDevices()).revokeDevice(...args),
    catalog: async (...args) => (await loadLibrarian()).catalog(...args),
    catalogStream: async (...args) => (await loadLibrarian()).catalogStream(...args),
    catalogBatch: async (...args) => (await loadLibrarian()).catalogBatch(...args),
    getUsage: async (...args) => (await loadLibrarian()).getUsage(...args),
    listModels: async (...args) => (await loadLibrarian()).listModels(...args),
    compare: async (...args) => (await loadLibrarian()).compare(...args),
  };
}
