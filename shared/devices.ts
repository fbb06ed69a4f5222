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
