import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { PullResponseSchema, PushResponseSchema } from '#shared/sync/wire';
import { callWorker, registerDevice } from './helpers.ts';
import { fakeRevision, pushOk } from './sync-helpers.ts';

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function gzipPush(token: string, body: Uint8Array): Promise<Response> {
  return callWorker('/api/v1/sync/push', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    },
    body,
  });
}

describe('sync bytes on the wire', () => {
  it('SYNC-9a: accepts a gzip-encoded push and applies it like a plain one', async () => {
    const device = await registerDevice();
    const mutations = [1, 2].map((mutationId) => ({
      mutationId,
      revision: fakeRevision(device.deviceId),
    }));
    const response = await gzipPush(device.token, await gzip(JSON.stringify({ mutations })));
    expect(response.status).toBe(200);
    expect(PushResponseSchema.parse(await response.json()).acked).toEqual([1, 2]);
  });

  it('SYNC-9a: counts the size limit after decompression, so a small bomb is refused with 413', async () => {
    const device = await registerDevice();
    const bomb = await gzip(JSON.stringify({ mutations: [], pad: ' '.repeat(2_000_000) }));
    expect(bomb.byteLength).toBeLessThan(10_000);
    const response = await gzipPush(device.token, bomb);
    expect(response.status).toBe(413);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('too-large');
  });

  it('SYNC-9a: refuses other content encodings with the error shape', async () => {
    const device = await registerDevice();
    const response = await callWorker('/api/v1/sync/push', {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-encoding': 'br' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('invalid-request');
  });

  it('SYNC-9a: answers a pull gzip-encoded when the client accepts it', async () => {
    const device = await registerDevice();
    await pushOk(device.token, [{ mutationId: 1, revision: fakeRevision(device.deviceId) }]);
    const response = await callWorker('/api/v1/sync/pull?cursor=0', {
      headers: { authorization: `Bearer ${device.token}`, 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(PullResponseSchema.parse(await response.json()).revisions).toHaveLength(1);
  });
});
