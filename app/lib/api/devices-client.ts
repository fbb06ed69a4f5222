import {
  DeviceCredentialsSchema,
  DeviceListSchema,
  PairingCodeSchema,
  type DeviceCredentials,
  type DeviceList,
  type PairDeviceRequest,
  type PairingCode,
  type RegisterDeviceRequest,
} from '#shared/devices';
import { HealthSchema, type Health } from '#shared/health';
import { success, type ApiResult } from './result.ts';
import { createTransport, type ApiClientOptions } from './transport.ts';

/** The server itself and this library's devices: what start-up needs (health, registration). */
export interface DevicesClient {
  getHealth(signal?: AbortSignal): Promise<ApiResult<Health>>;
  registerDevice(request: RegisterDeviceRequest): Promise<ApiResult<DeviceCredentials>>;
  /** This library's working devices (`GET /devices`). */
  listDevices(token: string, signal?: AbortSignal): Promise<ApiResult<DeviceList>>;
  /** A short-lived code that lets one more device join this library. */
  startPairing(token: string): Promise<ApiResult<PairingCode>>;
  /** Join the library that made `request.code`: answers this device's new credentials. */
  pairDevice(request: PairDeviceRequest): Promise<ApiResult<DeviceCredentials>>;
  /** Revoke a device of this library; its token stops working at once. */
  revokeDevice(deviceId: string, token: string): Promise<ApiResult<null>>;
}

export function createDevicesClient(options: ApiClientOptions = {}): DevicesClient {
  const { send, parseJson, getJson, postJson, jsonHeaders } = createTransport(options);
  return {
    async getHealth(signal) {
      const sent = await send('/health', { method: 'GET', cache: 'no-store', signal });
      return sent.ok ? parseJson(sent.data, HealthSchema) : sent;
    },

    registerDevice: (request) => postJson('/devices', request, DeviceCredentialsSchema),

    listDevices: (token, signal) => getJson('/devices', DeviceListSchema, token, signal),

    startPairing: (token) => postJson('/devices/pairing', {}, PairingCodeSchema, token),

    pairDevice: (request) => postJson('/devices/pair', request, DeviceCredentialsSchema),

    async revokeDevice(deviceId, token) {
      const sent = await send(`/devices/${encodeURIComponent(deviceId)}`, {
        method: 'DELETE',
        headers: jsonHeaders(token),
      });
      return sent.ok ? success(null) : sent;
    },
  };
}
