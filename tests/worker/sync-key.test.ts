import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { bytesToBase64, bytesToHex } from '#shared/sync/base64';
import {
  KEY_HANDOFF_TTL_MS,
  LibraryKeyBlobSchema,
  type PostKeyHandoffRequest,
  type PutLibraryKeyRequest,
} from '#shared/sync/key-wire';
import { callWorker, jsonPost, libraryStub, registerDevice } from './helpers.ts';

/** Random bytes of the right sizes: the server cannot tell them from a real wrap, nor should it. */
function randomBase64(bytes: number): string {
  return bytesToBase64(crypto.getRandomValues(new Uint8Array(bytes)));
}

function fakeWrappedKey(): PutLibraryKeyRequest['wrappedKey'] {
  return {
    v: 1,
    kdf: 'PBKDF2-SHA-256',
    iterations: 600_000,
    salt: randomBase64(16),
    iv: randomBase64(12),
    wrapped: randomBase64(48),
  };
}

function fakeHandoff(): PostKeyHandoffRequest {
  return {
    requestId: bytesToHex(crypto.getRandomValues(new Uint8Array(32))),
    envelope: {
      v: 1,
      ephemeralPublicKey: randomBase64(65),
      iv: randomBase64(12),
      wrapped: randomBase64(48),
    },
  };
}

function auth(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

const getKey = (token?: string) => callWorker('/api/v1/sync/key', { headers: auth(token) });

const putKey = (body: unknown, token?: string) =>
  callWorker('/api/v1/sync/key', { ...jsonPost(body, token), method: 'PUT' });

const postHandoff = (body: unknown, token?: string) =>
  callWorker('/api/v1/sync/key-handoff', jsonPost(body, token));

const getHandoff = (requestId: string, token?: string) =>
  callWorker(`/api/v1/sync/key-handoff/${requestId}`, { headers: auth(token) });

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(ErrorBodySchema.parse(await response.json()).error.code).toBe(code);
}

async function pairedDevice(token: string) {
  const offer = await callWorker('/api/v1/devices/pairing', jsonPost({}, token));
  const { code } = (await offer.json()) as { code: string };
  const response = await callWorker('/api/v1/devices/pair', jsonPost({ code, deviceName: 'b' }));
  return (await response.json()) as { libraryId: string; deviceId: string; token: string };
}

describe('the passphrase-wrapped library key', () => {
  it('SYNC-18a: is not found until a device sets it, then every device of the library reads it', async () => {
    const first = await registerDevice('first');
    await expectError(await getKey(first.token), 404, 'not-found');
    const wrappedKey = fakeWrappedKey();
    const put = await putKey({ wrappedKey, expectedVersion: 0 }, first.token);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ version: 1 });

    const second = await pairedDevice(first.token);
    const read = await getKey(second.token);
    expect(read.status).toBe(200);
    expect(LibraryKeyBlobSchema.parse(await read.json())).toEqual({ wrappedKey, version: 1 });
  });

  it('SYNC-18a: a conditional write: the second first-setup and a stale change are 409 conflict', async () => {
    const first = await registerDevice('first');
    const second = await pairedDevice(first.token);
    const winner = fakeWrappedKey();
    expect((await putKey({ wrappedKey: winner, expectedVersion: 0 }, first.token)).status).toBe(
      200,
    );
    await expectError(
      await putKey({ wrappedKey: fakeWrappedKey(), expectedVersion: 0 }, second.token),
      409,
      'conflict',
    );
    // A new passphrase re-wraps the same key: it names the version it replaces.
    const rewrapped = fakeWrappedKey();
    const change = await putKey({ wrappedKey: rewrapped, expectedVersion: 1 }, second.token);
    expect(await change.json()).toEqual({ version: 2 });
    await expectError(
      await putKey({ wrappedKey: fakeWrappedKey(), expectedVersion: 1 }, first.token),
      409,
      'conflict',
    );
    expect(await (await getKey(first.token)).json()).toEqual({ wrappedKey: rewrapped, version: 2 });
  });

  it('SYNC-18a: another library’s token never reads or replaces this library’s key', async () => {
    const a = await registerDevice('a');
    const b = await registerDevice('b');
    const wrappedKey = fakeWrappedKey();
    await putKey({ wrappedKey, expectedVersion: 0 }, a.token);
    await expectError(await getKey(b.token), 404, 'not-found');
    expect(
      (await putKey({ wrappedKey: fakeWrappedKey(), expectedVersion: 0 }, b.token)).status,
    ).toBe(200);
    expect(await (await getKey(a.token)).json()).toEqual({ wrappedKey, version: 1 });
  });

  it('SYNC-16: the library stores the wrapped blob as sent and nothing more', async () => {
    const device = await registerDevice('only');
    const wrappedKey = fakeWrappedKey();
    await putKey({ wrappedKey, expectedVersion: 0 }, device.token);
    const rows = await runInDurableObject(libraryStub(device.libraryId), (_instance, state) =>
      state.storage.sql
        .exec<Record<string, SqlStorageValue>>('SELECT * FROM library_key')
        .toArray(),
    );
    expect(rows).toHaveLength(1);
    expect(JSON.parse(String(rows[0]?.wrapped_key))).toEqual(wrappedKey);
  });

  it('refuses a weak, malformed or padded wrap with 400 invalid-request', async () => {
    const { token } = await registerDevice('strict');
    const bad: unknown[] = [
      { wrappedKey: { ...fakeWrappedKey(), iterations: 1000 }, expectedVersion: 0 },
      { wrappedKey: { ...fakeWrappedKey(), wrapped: randomBase64(40) }, expectedVersion: 0 },
      { wrappedKey: { ...fakeWrappedKey(), salt: '!'.repeat(24) }, expectedVersion: 0 },
      { wrappedKey: { ...fakeWrappedKey(), note: 'hello' }, expectedVersion: 0 },
      { wrappedKey: fakeWrappedKey(), expectedVersion: -1 },
      { wrappedKey: fakeWrappedKey() },
      'not json',
    ];
    for (const body of bad) await expectError(await putKey(body, token), 400, 'invalid-request');
    await expectError(await getKey(token), 404, 'not-found');
  });

  it('needs a device token', async () => {
    await expectError(await getKey(), 401, 'unauthenticated');
    await expectError(
      await putKey({ wrappedKey: fakeWrappedKey(), expectedVersion: 0 }),
      401,
      'unauthenticated',
    );
  });
});

describe('the pairing handoff relay', () => {
  it('SYNC-19a: is not found until posted, then read once by a device of the same library', async () => {
    const old = await registerDevice('old');
    const fresh = await pairedDevice(old.token);
    const handoff = fakeHandoff();
    await expectError(await getHandoff(handoff.requestId, fresh.token), 404, 'not-found');

    const posted = await postHandoff(handoff, old.token);
    expect(posted.status).toBe(201);
    const { expiresAt } = (await posted.json()) as { expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(KEY_HANDOFF_TTL_MS - 60_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(KEY_HANDOFF_TTL_MS);

    const read = await getHandoff(handoff.requestId, fresh.token);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ envelope: handoff.envelope });
    await expectError(await getHandoff(handoff.requestId, fresh.token), 404, 'not-found');
  });

  it('SYNC-19a: a second envelope for a waiting request is 409 conflict; the first one stands', async () => {
    const { token } = await registerDevice('twice');
    const handoff = fakeHandoff();
    expect((await postHandoff(handoff, token)).status).toBe(201);
    await expectError(
      await postHandoff({ ...handoff, envelope: fakeHandoff().envelope }, token),
      409,
      'conflict',
    );
    expect(await (await getHandoff(handoff.requestId, token)).json()).toEqual({
      envelope: handoff.envelope,
    });
  });

  it('SYNC-19a: another library cannot read the envelope, and its try does not spend it', async () => {
    const a = await registerDevice('a');
    const b = await registerDevice('b');
    const handoff = fakeHandoff();
    await postHandoff(handoff, a.token);
    await expectError(await getHandoff(handoff.requestId, b.token), 404, 'not-found');
    expect((await getHandoff(handoff.requestId, a.token)).status).toBe(200);
  });

  it('SYNC-19a: an envelope expires after ten minutes and is swept by the next post', async () => {
    const device = await registerDevice('late');
    const handoff = fakeHandoff();
    await postHandoff(handoff, device.token);
    const library = libraryStub(device.libraryId);
    const later = Date.now() + KEY_HANDOFF_TTL_MS + 1000;
    expect(await library.takeKeyHandoff(handoff.requestId, later)).toBeNull();
    const next = fakeHandoff();
    expect(
      await library.offerKeyHandoff({
        requestId: next.requestId,
        envelope: JSON.stringify(next.envelope),
        expiresAt: later + KEY_HANDOFF_TTL_MS,
        now: later,
      }),
    ).toBe(true);
    const waiting = await runInDurableObject(library, (_instance, state) =>
      state.storage.sql
        .exec<{ request_id: string }>('SELECT request_id FROM key_handoffs')
        .toArray()
        .map((row) => row.request_id),
    );
    expect(waiting).toEqual([next.requestId]);
  });

  it('refuses bad ids and envelopes with 400 invalid-request, and needs a token', async () => {
    const { token } = await registerDevice('strict');
    const good = fakeHandoff();
    const bad: unknown[] = [
      { ...good, requestId: 'ABC' },
      { ...good, requestId: good.requestId.toUpperCase() },
      { ...good, envelope: { ...good.envelope, v: 2 } },
      { ...good, envelope: { ...good.envelope, ephemeralPublicKey: randomBase64(33) } },
      { ...good, extra: true },
      { requestId: good.requestId },
    ];
    for (const body of bad) {
      await expectError(await postHandoff(body, token), 400, 'invalid-request');
    }
    await expectError(await getHandoff('not-a-hash', token), 400, 'invalid-request');
    await expectError(await postHandoff(good), 401, 'unauthenticated');
    await expectError(await getHandoff(good.requestId), 401, 'unauthenticated');
  });
});
