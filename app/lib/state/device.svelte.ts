import type { DeviceCredentials } from '#shared/devices';
import type { ApiClient } from '../api/client.ts';
import { deviceNameFromUserAgent } from '../api/device-name.ts';
import type { ApiError } from '../api/result.ts';
import { clearCredentials, loadCredentials, saveCredentials } from '../db/credentials.ts';
import type { MemoryLibraryDb } from '../db/database.ts';
import { loadDeviceName, saveDeviceName } from '../db/preferences.ts';

export type DeviceStatus =
  /** No credentials yet; registration not tried or it failed for a passing reason. */
  | 'unregistered'
  | 'registering'
  | 'registered'
  /** The server wants an invite code before it lets this device in. */
  | 'needs-invite';

/**
 * This device's membership of a library on the server: registers on first run
 * (`POST /api/v1/devices`) and keeps the token in IndexedDB. Writing never waits for this.
 */
export class DeviceState {
  #db: MemoryLibraryDb;
  #api: ApiClient;
  #status = $state<DeviceStatus>('unregistered');
  #credentials = $state<DeviceCredentials | undefined>();
  #name = $state('');
  #lastError = $state<ApiError | undefined>();
  #inviteRejected = $state(false);
  #registering: Promise<DeviceCredentials | undefined> | undefined;

  constructor(db: MemoryLibraryDb, api: ApiClient) {
    this.#db = db;
    this.#api = api;
  }

  get status(): DeviceStatus {
    return this.#status;
  }

  get credentials(): DeviceCredentials | undefined {
    return this.#credentials;
  }

  get name(): string {
    return this.#name;
  }

  /** Why the last registration attempt failed, if it did. */
  get lastError(): ApiError | undefined {
    return this.#lastError;
  }

  /** True after an invite code was refused, until the next attempt. */
  get inviteRejected(): boolean {
    return this.#inviteRejected;
  }

  async load(userAgent = navigator.userAgent): Promise<void> {
    this.#credentials = await loadCredentials(this.#db);
    this.#name = (await loadDeviceName(this.#db)) ?? deviceNameFromUserAgent(userAgent);
    if (this.#credentials) this.#status = 'registered';
  }

  /**
   * The credentials, registering first if needed. Undefined when this device cannot register now
   * (offline, server down, or an invite is needed: see `status`). Never asks the server twice at once.
   */
  async ensureRegistered(): Promise<DeviceCredentials | undefined> {
    if (this.#credentials) return this.#credentials;
    if (this.#status === 'needs-invite') return undefined;
    return this.#register(undefined);
  }

  /** Try again with an invite code the person typed. */
  async submitInvite(invite: string): Promise<boolean> {
    const code = invite.trim();
    if (code === '') return false;
    return (await this.#register(code)) !== undefined;
  }

  /** The server no longer knows this token (revoked, or the server was reset): start over. */
  async forget(): Promise<void> {
    await clearCredentials(this.#db);
    this.#credentials = undefined;
    this.#status = 'unregistered';
  }

  reset(): void {
    this.#status = 'unregistered';
    this.#credentials = undefined;
    this.#lastError = undefined;
    this.#inviteRejected = false;
    this.#registering = undefined;
  }

  #register(invite: string | undefined): Promise<DeviceCredentials | undefined> {
    this.#registering ??= this.#doRegister(invite).finally(() => {
      this.#registering = undefined;
    });
    return this.#registering;
  }

  async #doRegister(invite: string | undefined): Promise<DeviceCredentials | undefined> {
    const previous = this.#status;
    this.#status = 'registering';
    const result = await this.#api.registerDevice({
      deviceName: this.#name,
      ...(invite === undefined ? {} : { invite }),
    });
    if (result.ok) {
      await saveCredentials(this.#db, result.data);
      await saveDeviceName(this.#db, this.#name);
      this.#credentials = result.data;
      this.#status = 'registered';
      this.#lastError = undefined;
      this.#inviteRejected = false;
      return result.data;
    }
    this.#lastError = result.error;
    if (result.error.code === 'forbidden') {
      this.#status = 'needs-invite';
      this.#inviteRejected = invite !== undefined;
    } else {
      this.#status = previous === 'needs-invite' ? 'needs-invite' : 'unregistered';
    }
    return undefined;
  }
}
