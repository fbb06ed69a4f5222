import { z } from 'zod';

export const RegisterDeviceRequestSchema = z.strictObject({
  deviceName: z.string().trim().min(1).max(60),
  invite: z.string().trim().min(1).max(100).optional(),
});
export type RegisterDeviceRequest = z.infer<typeof RegisterDeviceRequestSchema>;

export const DeviceCredentialsSchema = z.object({
  libraryId: z.string(),
  deviceId: z.string(),
  token: z.string(),
});
export type DeviceCredentials = z.infer<typeof DeviceCredentialsSchema>;

/** `POST /api/v1/devices/pairing` → a code for a second device, valid ten minutes, once. */
export const PairingCodeSchema = z.object({
  /** 8 characters shown as `ABCD-EFGH`; case, spaces and dashes do not matter when typed. */
  code: z.string(),
  expiresAt: z.iso.datetime(),
});
export type PairingCode = z.infer<typeof PairingCodeSchema>;

/** `POST /api/v1/devices/pair`: join the library that made the code; answers DeviceCredentials. */
export const PairDeviceRequestSchema = z.strictObject({
  code: z.string().trim().min(1).max(20),
  deviceName: z.string().trim().min(1).max(60),
});
export type PairDeviceRequest = z.infer<typeof PairDeviceRequestSchema>;

export const DeviceInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  /** The device making this request. */
  current: z.boolean(),
});
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

/** `GET /api/v1/devices`: this library's working devices, oldest first. */
export const DeviceListSchema = z.object({ devices: z.array(DeviceInfoSchema) });
export type DeviceList = z.infer<typeof DeviceListSchema>;
