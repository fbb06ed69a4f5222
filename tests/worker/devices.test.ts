import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { DeviceCredentialsSchema } from '#shared/devices';
import { sha256Hex } from '../../worker/crypto.ts';
import { callApp, callWorker, jsonPost, libraryStub } from './helpers.ts';

const closed = { OPEN_REGISTRATION: 'false', INVITE_CODES: 'alpha-123, beta-456' };

async function errorOf(response: Response) {
  return ErrorBodySchema.parse(await response.json()).error;
}

describe('POST /api/v1/devices', () => {
  it('registers a device into a new library when registration is open', async () => {
    const response = await callWorker('/api/v1/devices', jsonPost({ deviceName: 'Lin’s phone' }));
    expect(response.status).toBe(201);
    const credentials = DeviceCredentialsSchema.parse(await response.json());
    expect(credentials.libraryId).toMatch(/^[0-9a-f]{32}$/);
    expect(credentials.token).toMatch(
      new RegExp(`^ml1\\.${credentials.libraryId}\\.[A-Za-z0-9_-]{43}$`),
    );
    const secret = credentials.token.split('.')[2] ?? '';
    const rows = await runInDurableObject(libraryStub(credentials.libraryId), (_instance, state) =>
      state.storage.sql.exec('SELECT id, name, token_hash, revoked_at FROM devices').toArray(),
    );
    // Only the hash of the secret is stored, never the token.
    expect(rows).toEqual([
      {
        id: credentials.deviceId,
        name: 'Lin’s phone',
        token_hash: await sha256Hex(secret),
        revoked_at: null,
      },
    ]);
  });

  it('gives every registration its own library', async () => {
    const first = DeviceCredentialsSchema.parse(
      await (await callWorker('/api/v1/devices', jsonPost({ deviceName: 'a' }))).json(),
    );
    const second = DeviceCredentialsSchema.parse(
      await (await callWorker('/api/v1/devices', jsonPost({ deviceName: 'b' }))).json(),
    );
    expect(first.libraryId).not.toBe(second.libraryId);
  });

  it('refuses with 403 when registration is closed and no invite is given', async () => {
    const { response } = await callApp(
      '/api/v1/devices',
      jsonPost({ deviceName: 'phone' }),
      closed,
    );
    expect(response.status).toBe(403);
    const error = await errorOf(response);
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/invite/);
  });

  it('accepts a matching invite code when registration is closed', async () => {
    const { response } = await callApp(
      '/api/v1/devices',
      jsonPost({ deviceName: 'phone', invite: 'beta-456' }),
      closed,
    );
    expect(response.status).toBe(201);
  });

  it('refuses a wrong invite code', async () => {
    const { response } = await callApp(
      '/api/v1/devices',
      jsonPost({ deviceName: 'phone', invite: 'beta-457' }),
      closed,
    );
    expect(response.status).toBe(403);
  });

  it('answers 400 with zod issues for a bad body', async () => {
    const response = await callWorker('/api/v1/devices', jsonPost({ deviceName: '   ' }));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid-request');
    expect(error.details).toEqual([expect.objectContaining({ path: ['deviceName'] })]);
  });

  it('rejects unknown fields', async () => {
    const response = await callWorker(
      '/api/v1/devices',
      jsonPost({ deviceName: 'phone', admin: true }),
    );
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: 'invalid-request',
      details: [expect.objectContaining({ code: 'unrecognized_keys' })],
    });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await callWorker('/api/v1/devices', jsonPost('{"deviceName":'));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('invalid-request');
  });

  it('refuses bodies over 256 KB with 413', async () => {
    const response = await callWorker(
      '/api/v1/devices',
      jsonPost({ deviceName: 'x'.repeat(300 * 1024) }),
    );
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('too-large');
  });

  it('refuses an oversized body even without a Content-Length', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ deviceName: 'x'.repeat(300 * 1024) }));
    const body = new ReadableStream({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 16 * 1024)
          controller.enqueue(bytes.slice(offset, offset + 16 * 1024));
        controller.close();
      },
    });
    const { response } = await callApp('/api/v1/devices', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
  });
});
