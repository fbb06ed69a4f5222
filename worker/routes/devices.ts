import { Hono } from 'hono';
import {
  PairDeviceRequestSchema,
  RegisterDeviceRequestSchema,
  type DeviceCredentials,
  type DeviceList,
  type PairingCode,
} from '#shared/devices';
import type { AppEnv } from '../app-env.ts';
import { requireDevice } from '../auth.ts';
import { secretsEqual, sha256Hex } from '../crypto.ts';
import { formatDeviceToken, newDeviceId, newDeviceSecret, newLibraryId } from '../device-token.ts';
import { readConfig, type Config, type Env } from '../env.ts';
import { HttpError } from '../http-error.ts';
import {
  newPairingCode,
  normalizePairingCode,
  PAIRING_TTL_MS,
  pairingCodeKey,
} from '../pairing-code.ts';
import { readJsonBody } from '../read-body.ts';

export const devices = new Hono<AppEnv>();

/** Registers a device in a new library of its own. */
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
  const device = await newDevice(request.deviceName);
  await libraryOf(c.env, libraryId).registerDevice(device.row);
  return c.json(device.credentials(libraryId), 201);
});

/** This library's working devices, for Settings. */
devices.get('/', requireDevice, async (c) => {
  const { library, deviceId } = c.get('device');
  const rows = await library.listDevices();
  const body: DeviceList = {
    devices: rows.map((row) => ({ ...row, current: row.id === deviceId })),
  };
  return c.json(body);
});

/** A code that lets one more device join this library: ten minutes, once. */
devices.post('/pairing', requireDevice, async (c) => {
  const { libraryId } = c.get('device');
  const code = newPairingCode();
  const { codeHash, shard } = await pairingCodeKey(normalizePairingCode(code) ?? code);
  const now = Date.now();
  const expiresAt = now + PAIRING_TTL_MS;
  await c.env.PAIRING.get(c.env.PAIRING.idFromName(shard)).offer({
    codeHash,
    libraryId,
    expiresAt,
    now,
  });
  const body: PairingCode = { code, expiresAt: new Date(expiresAt).toISOString() };
  return c.json(body, 201);
});

/** Joins the library that made the code. The code is the only proof: no token needed. */
devices.post('/pair', async (c) => {
  const request = await readJsonBody(c.req.raw, PairDeviceRequestSchema);
  const invalid = () =>
    new HttpError(403, 'forbidden', 'This pairing code is not valid or has expired.');
  const code = normalizePairingCode(request.code);
  if (!code) throw invalid();
  const { codeHash, shard } = await pairingCodeKey(code);
  const redeemed = await c.env.PAIRING.get(c.env.PAIRING.idFromName(shard)).redeem({
    codeHash,
    now: Date.now(),
  });
  if (!redeemed.ok && redeemed.reason === 'throttled') {
    throw new HttpError(
      429,
      'rate-limited',
      'Too many wrong pairing codes. Wait a few minutes, then try again.',
      undefined,
      { 'retry-after': '600' },
    );
  }
  if (!redeemed.ok) throw invalid();
  const device = await newDevice(request.deviceName);
  const isAdded = await libraryOf(c.env, redeemed.libraryId).addPairedDevice(device.row);
  if (!isAdded) throw invalid();
  return c.json(device.credentials(redeemed.libraryId), 201);
});

/** Revokes a device of this library (this one included): its token fails from the next request. */
devices.delete('/:id', requireDevice, async (c) => {
  const { library } = c.get('device');
  const id = c.req.param('id');
  if (!(await library.revokeDevice(id, Date.now()))) {
    throw new HttpError(404, 'not-found', 'This library has no such device.');
  }
  return c.body(null, 204);
});

function libraryOf(env: Env, libraryId: string) {
  return env.LIBRARY.get(env.LIBRARY.idFromName(libraryId));
}

async function newDevice(name: string) {
  const id = newDeviceId();
  const secret = newDeviceSecret();
  return {
    row: { id, name, tokenHash: await sha256Hex(secret), now: Date.now() },
    credentials: (libraryId: string): DeviceCredentials => ({
      libraryId,
      deviceId: id,
      token: formatDeviceToken({ libraryId, secret }),
    }),
  };
}

async function mayRegister(config: Config, invite: string | undefined): Promise<boolean> {
  if (config.isRegistrationOpen) return true;
  if (invite === undefined) return false;
  // Compare with every code, without stopping early, so timing does not tell which one was close.
  const matches = await Promise.all(config.inviteCodes.map((code) => secretsEqual(code, invite)));
  return matches.includes(true);
}
