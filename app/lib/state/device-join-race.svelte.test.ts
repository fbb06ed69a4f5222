import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceCredentials } from '#shared/devices';
import { createApiClient } from '../api/client.ts';
import { loadCredentials } from '../db/credentials.ts';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { DeviceState } from './device.svelte.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const JOINED: DeviceCredentials = { libraryId: 'theirs', deviceId: 'dev-joined', token: 'tok-j' };
const STRAY: DeviceCredentials = { libraryId: 'stray', deviceId: 'dev-stray', token: 'tok-s' };

interface Held {
  method: string;
  path: string;
  answer: (status: number, body?: unknown) => void;
}

/** The server, answered by hand: each request waits until the test answers it. */
function heldServer() {
  const held: Held[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((resolve) => {
      held.push({
        method: init?.method ?? 'GET',
        path: new URL(String(input), 'http://app.test').pathname,
        answer: (status, body) =>
          resolve(
            body === undefined ? new Response(null, { status }) : Response.json(body, { status }),
          ),
      });
    });
  const waiting = (method: string, path: string) =>
    held.find((request) => request.method === method && request.path === path);
  const answer = (method: string, path: string, status: number, body?: unknown) => {
    const request = waiting(method, path);
    if (!request) throw new Error(`no ${method} ${path} was made`);
    request.answer(status, body);
  };
  return { fetch: fetch as typeof globalThis.fetch, held, waiting, answer };
}

/** Lets every pending promise and IndexedDB request run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

let name: string;
const opened: MemoryLibraryDb[] = [];

/** A page of the same browser profile: its own connection to the same database. */
function page(): MemoryLibraryDb {
  const db = createDatabase(name);
  opened.push(db);
  return db;
}

beforeEach(() => {
  name = `test-${crypto.randomUUID()}`;
});

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await Dexie.delete(name);
});

async function afterReload(): Promise<DeviceCredentials | undefined> {
  const device = new DeviceState(page(), createApiClient({ fetch: heldServer().fetch }));
  await device.load(IPHONE);
  return device.credentials;
}

describe('DeviceState: a join racing the first registration', () => {
  it('keeps the joined library when start-up asks to register while the join is being stored', async () => {
    const server = heldServer();
    const db = page();
    const device = new DeviceState(db, createApiClient({ fetch: server.fetch }));
    await device.load(IPHONE);
    // Start-up's idle step (#reachServer) asks for the credentials at the moment the joined
    // ones are being written: before the write has finished.
    let registration: Promise<DeviceCredentials | undefined> | undefined;
    db.kv.hook('creating', (key) => {
      if (key === 'device' && registration === undefined) {
        registration = Dexie.ignoreTransaction(() => device.ensureRegistered());
      }
    });

    const joining = device.pair('ABCD-EFGH');
    await settle();
    server.answer('POST', '/api/v1/devices/pair', 201, JOINED);
    expect((await joining).ok).toBe(true);
    await settle();
    // Made only if the page did not yet know it had joined.
    server.waiting('POST', '/api/v1/devices')?.answer(201, STRAY);
    await settle();
    server.held.filter((r) => r.method === 'DELETE').forEach((r) => r.answer(204));

    expect(registration).toBeDefined();
    expect(await registration).toEqual(JOINED);
    expect(device.credentials).toEqual(JOINED);
    expect(device.status).toBe('registered');
    expect(await loadCredentials(db)).toEqual(JOINED);
    expect(await afterReload()).toEqual(JOINED);
  });

  it('keeps the joined library when a second page of the profile registered before the join was stored', async () => {
    const server = heldServer();
    const api = createApiClient({ fetch: server.fetch });
    // Both pages read the stored identity (none yet) before the join writes it.
    const joiningPage = new DeviceState(page(), api);
    const otherPage = new DeviceState(page(), api);
    await Promise.all([joiningPage.load(IPHONE), otherPage.load(IPHONE)]);

    const registration = otherPage.ensureRegistered();
    const joining = joiningPage.pair('ABCD-EFGH');
    await settle();
    server.answer('POST', '/api/v1/devices/pair', 201, JOINED);
    expect((await joining).ok).toBe(true);
    server.answer('POST', '/api/v1/devices', 201, STRAY);
    await registration;
    await settle();

    expect(joiningPage.credentials).toEqual(JOINED);
    expect(otherPage.credentials).toEqual(JOINED);
    expect(await afterReload()).toEqual(JOINED);
    // The library made for nobody is given up with its own token.
    expect(server.held.some((r) => r.method === 'DELETE' && r.path.endsWith('/dev-stray'))).toBe(
      true,
    );
  });
});

describe('DeviceState: the other pages of the profile follow a change of identity', () => {
  const stops: (() => void)[] = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  /** A page whose device state follows the others', counting the changes it heard of. */
  async function watchingPage(api: ReturnType<typeof createApiClient>) {
    const device = new DeviceState(page(), api);
    const heard = { count: 0 };
    stops.push(device.watchOtherPages(() => heard.count++));
    await device.load(IPHONE);
    return { device, heard };
  }

  it('takes the library another page joined, and gives up the one it had made', async () => {
    const server = heldServer();
    const api = createApiClient({ fetch: server.fetch });
    const joining = await watchingPage(api);
    const other = await watchingPage(api);
    // The other page registers first.
    const registration = other.device.ensureRegistered();
    server.answer('POST', '/api/v1/devices', 201, STRAY);
    expect(await registration).toEqual(STRAY);
    await settle();

    const pairing = joining.device.pair('ABCD-EFGH');
    await settle();
    server.answer('POST', '/api/v1/devices/pair', 201, JOINED);
    expect((await pairing).ok).toBe(true);
    await settle();

    expect(other.device.credentials).toEqual(JOINED);
    expect(other.device.status).toBe('registered');
    expect(other.heard.count).toBe(1);
    // It heard of the registration, not of its own join: a page never hears itself.
    expect(joining.heard.count).toBe(1);
    expect(server.held.some((r) => r.method === 'DELETE' && r.path.endsWith('/dev-stray'))).toBe(
      true,
    );
  });

  it('is signed out when another page was', async () => {
    const server = heldServer();
    const api = createApiClient({ fetch: server.fetch });
    const first = await watchingPage(api);
    const registration = first.device.ensureRegistered();
    server.answer('POST', '/api/v1/devices', 201, JOINED);
    await registration;
    const second = await watchingPage(api);
    expect(second.device.credentials).toEqual(JOINED);

    // The server refused the token on the first page (revoked from another device).
    await first.device.tokenRefused(JOINED.token);
    await settle();

    expect(second.device.credentials).toBeUndefined();
    expect(second.device.status).toBe('signed-out');
    expect(second.heard.count).toBe(1);
  });

  it('keeps its own join when it comes after the other page wrote', async () => {
    const server = heldServer();
    const api = createApiClient({ fetch: server.fetch });
    const first = await watchingPage(api);
    const second = await watchingPage(api);
    const registration = first.device.ensureRegistered();
    server.answer('POST', '/api/v1/devices', 201, STRAY);
    await registration;
    // The second page joins while the first page's news is on its way.
    const pairing = second.device.pair('ABCD-EFGH');
    await settle();
    server.answer('POST', '/api/v1/devices/pair', 201, JOINED);
    await pairing;
    await settle();

    expect(second.device.credentials).toEqual(JOINED);
    expect(first.device.credentials).toEqual(JOINED);
    expect(await loadCredentials(page())).toEqual(JOINED);
  });
});
