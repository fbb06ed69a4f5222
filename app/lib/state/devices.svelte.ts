import type { DeviceInfo, PairingCode } from '#shared/devices';
import type { ApiClient } from '../api/client.ts';
import type { ApiError } from '../api/result.ts';
import type { DeviceState } from './device.svelte.ts';

/**
 * This library's devices as Settings shows them: the list, a pairing code for a new device, and
 * revoking the others. Every call goes through DeviceState, which notices a revoked token.
 */
export class DevicesState {
  #api: ApiClient;
  #device: DeviceState;
  #list = $state.raw<DeviceInfo[] | undefined>();
  #loading = $state(false);
  #error = $state<ApiError | undefined>();
  #pairing = $state.raw<PairingCode | undefined>();
  #pairingBusy = $state(false);
  #revoking = $state<string | undefined>();

  constructor(api: ApiClient, device: DeviceState) {
    this.#api = api;
    this.#device = device;
  }

  /** The devices, oldest first; undefined until loaded. */
  get list(): readonly DeviceInfo[] | undefined {
    return this.#list;
  }

  get loading(): boolean {
    return this.#loading;
  }

  /** Why the last call failed, if it did. */
  get error(): ApiError | undefined {
    return this.#error;
  }

  /** The pairing code shown, until it expires or another is made. */
  get pairing(): PairingCode | undefined {
    return this.#pairing;
  }

  get pairingBusy(): boolean {
    return this.#pairingBusy;
  }

  /** The id of the device being revoked right now. */
  get revoking(): string | undefined {
    return this.#revoking;
  }

  async load(): Promise<void> {
    if (!this.#device.credentials) return;
    this.#loading = true;
    const result = await this.#device.withToken((token) => this.#api.listDevices(token));
    this.#loading = false;
    if (result.ok) {
      this.#list = result.data.devices;
      this.#error = undefined;
    } else {
      this.#error = result.error;
      if (this.#device.status === 'signed-out') this.#forgetLibrary();
    }
  }

  /** Ask the server for a code another device types on its "Join a library" screen. */
  async startPairing(): Promise<void> {
    this.#pairingBusy = true;
    const result = await this.#device.withToken((token) => this.#api.startPairing(token));
    this.#pairingBusy = false;
    if (result.ok) {
      this.#pairing = result.data;
      this.#error = undefined;
    } else {
      this.#error = result.error;
      if (this.#device.status === 'signed-out') this.#forgetLibrary();
    }
  }

  /** Revoke another device (the caller has asked the person first). */
  async revoke(deviceId: string): Promise<boolean> {
    this.#revoking = deviceId;
    const result = await this.#device.withToken((token) => this.#api.revokeDevice(deviceId, token));
    this.#revoking = undefined;
    if (!result.ok) {
      this.#error = result.error;
      if (this.#device.status === 'signed-out') this.#forgetLibrary();
      return false;
    }
    this.#error = undefined;
    this.#list = this.#list?.filter((device) => device.id !== deviceId);
    await this.load();
    return true;
  }

  /** Hide the code once it has expired. */
  expirePairing(now = Date.now()): void {
    if (this.#pairing && Date.parse(this.#pairing.expiresAt) <= now) this.#pairing = undefined;
  }

  reset(): void {
    this.#list = undefined;
    this.#loading = false;
    this.#error = undefined;
    this.#pairing = undefined;
    this.#pairingBusy = false;
    this.#revoking = undefined;
  }

  #forgetLibrary(): void {
    this.#list = undefined;
    this.#pairing = undefined;
  }
}
