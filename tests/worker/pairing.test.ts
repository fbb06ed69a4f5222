import { describe, expect, it } from 'vitest';
import { DeviceCredentialsSchema, DeviceListSchema, PairingCodeSchema } from '#shared/devices';
import { ErrorBodySchema } from '#shared/errors';
import { MAX_FAILURES_PER_WINDOW } from '../../worker/objects/pairing.ts';
import { normalizePairingCode, pairingCodeKey } from '../../worker/pairing-code.ts';
import { callWorker, catalogRequest, jsonPost, postCatalog, registerDevice } from './helpers.ts';

const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function startPairing(token: string) {
  const response = await callWorker('/api/v1/devices/pairing', { method: 'POST', ...auth(token) });
  expect(response.status).toBe(201);
  return PairingCodeSchema.parse(await response.json());
}

function pair(code: string, deviceName = 'laptop') {
  return callWorker('/api/v1/devices/pair', jsonPost({ code, deviceName }));
}

async function listDevices(token: string) {
  const response = await callWorker('/api/v1/devices', auth(token));
  expect(response.status).toBe(200);
  return DeviceListSchema.parse(await response.json()).devices;
}

describe('pairing a second device', () => {
  it('gives a short grouped code that expires in ten minutes', async () => {
    const { token } = await registerDevice();
    const { code, expiresAt } = await startPairing(token);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
  });

  it('joins the same library, forgiving case, spaces and look-alike letters', async () => {
    const first = await registerDevice('phone');
    const { code } = await startPairing(first.token);
    const typed = ` ${code.toLowerCase().replace('-', ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
    const response = await pair(typed);
    expect(response.status).toBe(201);
    const second = DeviceCredentialsSchema.parse(await response.json());
    expect(second.libraryId).toBe(first.libraryId);
    expect(second.deviceId).not.toBe(first.deviceId);
    expect((await listDevices(second.token)).map((device) => device.name)).toEqual([
      'phone',
      'laptop',
    ]);
  });

  it('works once only', async () => {
    const { token } = await registerDevice();
    const { code } = await startPairing(token);
    expect((await pair(code)).status).toBe(201);
    const again = await pair(code);
    expect(again.status).toBe(403);
    expect(ErrorBodySchema.parse(await again.json()).error.code).toBe('forbidden');
  });

  it('refuses a made-up code and a code in the wrong shape', async () => {
    expect((await pair('ZZZZ-ZZZZ')).status).toBe(403);
    expect((await pair('not a code!')).status).toBe(403);
  });

  it('needs a device token to make a code', async () => {
    expect((await callWorker('/api/v1/devices/pairing', { method: 'POST' })).status).toBe(401);
  });

  it('normalises typed codes and refuses anything else', () => {
    expect(normalizePairingCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizePairingCode('ABCD EFGO')).toBe('ABCDEFG0');
    expect(normalizePairingCode('ABCD-EFG')).toBeNull();
    expect(normalizePairingCode('ABCD-EFGU')).toBeNull();
  });

  it('limits guessing: after too many wrong codes in a shard, even a right one waits', async () => {
    // Wrong codes aimed at the shard that holds a fresh, valid code.
    const { token } = await registerDevice();
    const { code } = await startPairing(token);
    const target = (await pairingCodeKey(normalizePairingCode(code) ?? '')).shard;
    let wrong = 0;
    for (let attempt = 0; wrong < MAX_FAILURES_PER_WINDOW && attempt < 20_000; attempt += 1) {
      const guess = `GUESS${String(attempt).padStart(3, '0')}`.slice(-8).replace(/[ILOU]/g, '0');
      const normal = normalizePairingCode(guess);
      if (!normal || (await pairingCodeKey(normal)).shard !== target) continue;
      expect((await pair(guess)).status).toBe(403);
      wrong += 1;
    }
    const response = await pair(code);
    expect(response.status).toBe(429);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('rate-limited');
  }, 30_000);
});

describe('listing and revoking devices', () => {
  it('lists this library’s devices and marks the current one', async () => {
    const first = await registerDevice('phone');
    const { code } = await startPairing(first.token);
    const second = DeviceCredentialsSchema.parse(await (await pair(code, 'tablet')).json());
    const devices = await listDevices(first.token);
    expect(devices).toEqual([
      expect.objectContaining({ id: first.deviceId, name: 'phone', current: true }),
      expect.objectContaining({ id: second.deviceId, name: 'tablet', current: false }),
    ]);
    expect(devices[0]?.lastSeenAt).not.toBeNull();
  });

  it('refuses a revoked token on the very next request', async () => {
    const first = await registerDevice('phone');
    const { code } = await startPairing(first.token);
    const second = DeviceCredentialsSchema.parse(await (await pair(code)).json());
    const revoke = await callWorker(`/api/v1/devices/${second.deviceId}`, {
      method: 'DELETE',
      ...auth(first.token),
    });
    expect(revoke.status).toBe(204);
    expect((await callWorker('/api/v1/devices', auth(second.token))).status).toBe(401);
    expect((await postCatalog(second.token, catalogRequest('hello'))).status).toBe(401);
    expect((await listDevices(first.token)).map((device) => device.id)).toEqual([first.deviceId]);
  });

  it('cannot revoke another library’s device', async () => {
    const a = await registerDevice();
    const b = await registerDevice();
    const response = await callWorker(`/api/v1/devices/${b.deviceId}`, {
      method: 'DELETE',
      ...auth(a.token),
    });
    expect(response.status).toBe(404);
    expect((await listDevices(b.token)).map((device) => device.id)).toEqual([b.deviceId]);
  });

  it('never shows one library’s devices to another', async () => {
    const a = await registerDevice('a-phone');
    const b = await registerDevice('b-phone');
    expect((await listDevices(a.token)).map((device) => device.name)).toEqual(['a-phone']);
    expect((await listDevices(b.token)).map((device) => device.name)).toEqual(['b-phone']);
  });
});
