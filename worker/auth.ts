import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.ts';
import { sha256Hex } from './crypto.ts';
import { parseDeviceToken } from './device-token.ts';
import { HttpError } from './http-error.ts';

/**
 * Requires `Authorization: Bearer <device token>`. The library is addressed only from the token,
 * and its Durable Object checks the secret's hash, so one library's token never opens another.
 */
export const requireDevice = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw unauthenticated('Sign in first: this request needs a device token.');
  const token = parseDeviceToken(match[1]);
  if (!token) throw unauthenticated('This device token is not valid.');
  const library = c.env.LIBRARY.get(c.env.LIBRARY.idFromName(token.libraryId));
  const device = await library.authenticate(await sha256Hex(token.secret), Date.now());
  if (!device) throw unauthenticated('This device token is not valid or was revoked.');
  c.set('device', { libraryId: token.libraryId, deviceId: device.deviceId, library });
  await next();
});

function unauthenticated(message: string): HttpError {
  return new HttpError(401, 'unauthenticated', message);
}
