import { createDevicesClient, type DevicesClient } from './devices-client.ts';
import { createLibrarianClient, type LibrarianClient } from './librarian-client.ts';
import type { ApiClientOptions } from './transport.ts';

/** Everything the app asks the server; the app itself loads its two halves apart (lazy-client.ts). */
export interface ApiClient extends DevicesClient, LibrarianClient {}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  return { ...createDevicesClient(options), ...createLibrarianClient(options) };
}
