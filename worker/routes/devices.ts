import { Hono } from 'hono';
import { RegisterDeviceRequestSchema, type DeviceCredentials } from '#shared/devices';
import type { AppEnv } from '../app-env.ts';
import { secretsEqual, sha256Hex } from '../crypto.ts';
import { formatDeviceToken, newDeviceId, newDeviceSecret, newLibraryId } from '../device-token.ts';
import { readConfig, type Config } from '../env.ts';
import { HttpError } from '../http-error.ts';
import { readJsonBody } from '../read-body.ts';

export const devices = new Hono<AppEnv>();

/** Registers a device in a new library of its own (pairing into an existing one comes later). */
devices.post('/', async (c) => {
  const request = await readJsonBody(c.req.raw, RegisterDeviceRequestSchema);
  if (!(await mayRegister(readConfig(c.env), request.invite))) {
    throw new HttpError(
      403,
      'forbidden',
      'This server needs an invite code to register a new device.',
    );
  }
  const libraryId = newLibraryId();
  const deviceId = newDeviceId();
  const secret = newDeviceSecret();
  const library = c.env.LIBRARY.get(c.env.LIBRARY.idFromName(libraryId));
  await library.registerDevice({
    id: deviceId,
    name: request.deviceName,
    tokenHash: await sha256Hex(secret),
    now: Date.now(),
  });
  const credentials: DeviceCredentials = {
    libraryId,
    deviceId,
    token: formatDeviceToken({ libraryId, secret }),
  };
  return c.json(credentials, 201);
});

async function mayRegister(config: Config, invite: string | undefined): Promise<boolean> {
  if (config.isRegistrationOpen) return true;
  if (invite === undefined) return false;
  // Compare with every code, without stopping early, so timing does not tell which one was close.
  const matches = await Promise.all(config.inviteCodes.map((code) => secretsEqual(code, invite)));
  return matches.includes(true);
}
