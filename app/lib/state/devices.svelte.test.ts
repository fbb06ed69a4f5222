import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceCredentials, DeviceInfo } from '#shared/devices';
import type { ApiClient } from '../api/client.ts';
import { failure, success, type ApiResult } from '../api/result.ts';
import { loadCredentials, saveCredentials } from '../db/credentials.ts';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { DeviceState } from './device.svelte.ts';
import { DevicesState } from './devices.svelte.ts';

const device = (id: string, current = false): DeviceInfo => ({
  id,
  name: `Phone ${id}`,
  createdAt: '2025-03-01T10:00:00.000Z',
  lastSeenAt: null,
  current,
});

let db: MemoryLibraryDb;
let list: DeviceInfo[];
let refuse: boolean;
let calls: string[];

const revoked = () => failure<never>({ code: 'unauthenticated', message: 'revoked', status: 401 });

const api = {
  async listDevices(token: string) {
    calls.push(`list ${token}`);
    return refuse ? revoked() : success({ devices: list });
  },
  async startPairing(token: string) {
    calls.push(`pairing ${token}`);
    return refuse
      ? revoked()
      : success({ code: 'ABCD-EFGH', expiresAt: '2025-03-01T10:10:00.000Z' });
  },
  async revokeDevice(id: string, token: string) {
    calls.push(`revoke ${id} ${token}`);
    list = list.filter((item) => item.id !== id);
    return success(null);
  },
  async pairDevice(request: { code: string; deviceName: string }) {
    calls.push(`pair ${request.code}`);
    return request.code === 'ABCD-EFGH'
      ? success({ libraryId: 'lib-b', deviceId: 'new', token: 'tok-b' })
      : failure<DeviceCredentials>({ code: 'forbidden', message: 'no', status: 403 });
  },
  async registerDevice(): Promise<ApiResult<DeviceCredentials>> {
    calls.push('register');
    return success({ libraryId: 'lib-c', deviceId: 'c', token: 'tok-c' });
  },
} as unknown as ApiClient;

beforeEach(async () => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
  list = [device('a', true), device('b')];
  refuse = false;
  calls = [];
  await saveCredentials(db, { libraryId: 'lib-a', deviceId: 'a', token: 'tok-a' });
});
afterEach(async () => {
  await db.delete();
});

async function setUp() {
  const me = new DeviceState(db, api);
  await me.load('test agent');
  return { me, devices: new DevicesState(api, me) };
}

describe('DevicesState', () => {
  it('lists the library’s devices, makes a pairing code and revokes another device', async () => {
    const { devices } = await setUp();
    await devices.load();
    expect(devices.list?.map((item) => item.id)).toEqual(['a', 'b']);

    await devices.startPairing();
    expect(devices.pairing?.code).toBe('ABCD-EFGH');
    devices.expirePairing(Date.parse('2025-03-01T10:11:00.000Z'));
    expect(devices.pairing).toBeUndefined();

    expect(await devices.revoke('b')).toBe(true);
    expect(devices.list?.map((item) => item.id)).toEqual(['a']);
    expect(calls).toContain('revoke b tok-a');
  });

  it('forgets the token and says the device was signed out when the server answers 401', async () => {
    const { me, devices } = await setUp();
    refuse = true;
    await devices.load();
    expect(me.status).toBe('signed-out');
    expect(me.credentials).toBeUndefined();
    expect(devices.error?.code).toBe('unauthenticated');
    expect(await loadCredentials(db)).toBeUndefined();

    // Signed out survives a reload, and nothing registers a new library by itself.
    const again = new DeviceState(db, api);
    await again.load('test agent');
    expect(again.status).toBe('signed-out');
    expect(await again.ensureRegistered()).toBeUndefined();
    expect(calls).not.toContain('register');

    expect(await again.startNewLibrary()).toBe(true);
    expect(again.credentials?.libraryId).toBe('lib-c');
  });
});

describe('joining a library with a pairing code', () => {
  it('replaces this device’s credentials and revokes its old membership', async () => {
    const { me } = await setUp();
    const result = await me.pair('  ABCD-EFGH ');
    expect(result.ok).toBe(true);
    expect(me.credentials).toEqual({ libraryId: 'lib-b', deviceId: 'new', token: 'tok-b' });
    expect(await loadCredentials(db)).toEqual(me.credentials);
    await Promise.resolve();
    expect(calls).toContain('revoke a tok-a');
  });

  it('keeps the current credentials when the code is refused', async () => {
    const { me } = await setUp();
    const result = await me.pair('WRONG-CODE');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(me.credentials?.token).toBe('tok-a');
  });

  it('lets a signed-out device join', async () => {
    const { me, devices } = await setUp();
    refuse = true;
    await devices.load();
    expect(me.status).toBe('signed-out');
    expect((await me.pair('ABCD-EFGH')).ok).toBe(true);
    expect(me.status).toBe('registered');
  });
});
