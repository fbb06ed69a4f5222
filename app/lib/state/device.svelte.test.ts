import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceCredentials, RegisterDeviceRequest } from '#shared/devices';
import type { ApiClient } from '../api/client.ts';
import { failure, success, type ApiResult } from '../api/result.ts';
import { loadCredentials } from '../db/credentials.ts';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { DeviceState } from './device.svelte.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

let db: MemoryLibraryDb;
let requests: RegisterDeviceRequest[];
let answer: (request: RegisterDeviceRequest) => ApiResult<DeviceCredentials>;

const api = {
  async registerDevice(request: RegisterDeviceRequest) {
    requests.push(request);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return answer(request);
  },
} as unknown as ApiClient;

beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
  requests = [];
  answer = () => success({ libraryId: 'lib', deviceId: 'dev', token: 'tok' });
});

afterEach(async () => {
  await db.delete();
});

describe('DeviceState', () => {
  it('registers once under a name from the user agent and keeps the token', async () => {
    const device = new DeviceState(db, api);
    await device.load(IPHONE);
    const [a, b] = await Promise.all([device.ensureRegistered(), device.ensureRegistered()]);
    expect(a).toEqual({ libraryId: 'lib', deviceId: 'dev', token: 'tok' });
    expect(b).toEqual(a);
    expect(requests).toEqual([{ deviceName: 'Safari on iPhone' }]);
    expect(device.status).toBe('registered');
    expect(await loadCredentials(db)).toEqual(a);

    const again = new DeviceState(db, api);
    await again.load(IPHONE);
    expect(again.status).toBe('registered');
    expect(await again.ensureRegistered()).toEqual(a);
    expect(requests).toHaveLength(1);
  });

  it('asks for an invite on 403 and joins with a good one', async () => {
    answer = (request) =>
      request.invite === 'good'
        ? success({ libraryId: 'lib', deviceId: 'dev', token: 'tok' })
        : failure({ code: 'forbidden', message: 'invite required', status: 403 });
    const device = new DeviceState(db, api);
    await device.load(IPHONE);
    expect(await device.ensureRegistered()).toBeUndefined();
    expect(device.status).toBe('needs-invite');
    expect(device.inviteRejected).toBe(false);

    expect(await device.submitInvite('bad')).toBe(false);
    expect(device.inviteRejected).toBe(true);
    expect(await device.submitInvite('  good ')).toBe(true);
    expect(device.status).toBe('registered');
    expect(requests.at(-1)).toEqual({ deviceName: 'Safari on iPhone', invite: 'good' });
  });

  it('stays unregistered when the server cannot be reached, and tries again later', async () => {
    answer = () => failure({ code: 'offline', message: 'Failed to fetch' });
    const device = new DeviceState(db, api);
    await device.load(IPHONE);
    expect(await device.ensureRegistered()).toBeUndefined();
    expect(device.status).toBe('unregistered');
    expect(device.lastError?.code).toBe('offline');
    answer = () => success({ libraryId: 'lib', deviceId: 'dev', token: 'tok' });
    expect(await device.ensureRegistered()).toBeDefined();
  });

  it('keeps the joined library when a registration started earlier answers after the join', async () => {
    let answerRegistration: (result: ApiResult<DeviceCredentials>) => void = () => undefined;
    const revoked: string[] = [];
    const joined = { libraryId: 'theirs', deviceId: 'dev-2', token: 'tok-2' };
    const slow = {
      registerDevice: () =>
        new Promise<ApiResult<DeviceCredentials>>((resolve) => (answerRegistration = resolve)),
      pairDevice: async () => success(joined),
      revokeDevice: async (deviceId: string) => {
        revoked.push(deviceId);
        return success(null);
      },
    } as unknown as ApiClient;
    const device = new DeviceState(db, slow);
    await device.load(IPHONE);
    const registration = device.ensureRegistered();
    expect((await device.pair('ABCD-EFGH')).ok).toBe(true);
    answerRegistration(success({ libraryId: 'stray', deviceId: 'dev-1', token: 'tok-1' }));

    expect(await registration).toEqual(joined);
    expect(device.credentials).toEqual(joined);
    expect(device.status).toBe('registered');
    expect(await loadCredentials(db)).toEqual(joined);
    expect(revoked).toEqual(['dev-1']);
  });
});
