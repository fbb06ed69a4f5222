import { describe, expect, it } from 'vitest';
import type { CatalogResult } from '#shared/librarian';
import { createApiClient } from './client.ts';
import { parseRetryAfter } from './transport.ts';
import { testResult, testUsage } from '../testing/librarian-results.ts';

type Handler = (request: Request) => Response | Promise<Response>;

/** A fetch that answers from a handler and records what it was asked. */
function fakeFetch(handler: Handler) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(new URL(String(input), 'http://app.test'), init);
    requests.push(request);
    return handler(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const result: CatalogResult = testResult('e1', {
  notebook: [],
  reply: 'Thank you for writing this down.',
  usage: testUsage({ completionTokens: 2, totalTokens: 3 }),
});

const request = {
  entry: { id: 'e1', text: 'hello', writtenAt: '2025-03-01T21:00:00+08:00' },
};

describe('getHealth', () => {
  it('returns the parsed health', async () => {
    const { fetch, requests } = fakeFetch(() =>
      Response.json({ ok: true, version: '0.1.0', librarian: 'offline' }),
    );
    const health = await createApiClient({ fetch }).getHealth();
    expect(health).toEqual({
      ok: true,
      data: { ok: true, version: '0.1.0', librarian: 'offline' },
    });
    expect(new URL(requests[0]!.url).pathname).toBe('/api/v1/health');
  });

  it('turns a network failure into an offline result', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const health = await createApiClient({ fetch }).getHealth();
    expect(health).toMatchObject({ ok: false, error: { code: 'offline' } });
  });

  it('reports a reply of the wrong shape', async () => {
    const { fetch } = fakeFetch(() => Response.json({ ok: true }));
    expect(await createApiClient({ fetch }).getHealth()).toMatchObject({
      ok: false,
      error: { code: 'bad-response' },
    });
  });

  it('reports a reply that is not JSON', async () => {
    const { fetch } = fakeFetch(
      () => new Response('<html>', { headers: { 'content-type': 'text/html' } }),
    );
    expect(await createApiClient({ fetch }).getHealth()).toMatchObject({
      ok: false,
      error: { code: 'bad-response' },
    });
  });
});

describe('registerDevice', () => {
  it('posts the device name and returns the credentials', async () => {
    const { fetch, requests } = fakeFetch(() =>
      Response.json({ libraryId: 'lib', deviceId: 'dev', token: 'tok' }, { status: 201 }),
    );
    const registered = await createApiClient({ fetch }).registerDevice({
      deviceName: 'Chrome on Linux',
    });
    expect(registered).toEqual({
      ok: true,
      data: { libraryId: 'lib', deviceId: 'dev', token: 'tok' },
    });
    expect(requests[0]!.method).toBe('POST');
    expect(await requests[0]!.json()).toEqual({ deviceName: 'Chrome on Linux' });
  });

  it('returns the server error when an invite is required', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        { error: { code: 'forbidden', message: 'An invite code is required.' } },
        { status: 403 },
      ),
    );
    expect(await createApiClient({ fetch }).registerDevice({ deviceName: 'x' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'An invite code is required.', status: 403 },
    });
  });

  it('falls back to a code from the status when the error body is not ours', async () => {
    const { fetch } = fakeFetch(() => new Response('Bad gateway', { status: 502 }));
    expect(await createApiClient({ fetch }).registerDevice({ deviceName: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'upstream-error', status: 502 },
    });
  });
});

describe('catalog', () => {
  it('sends the token and returns the result', async () => {
    const { fetch, requests } = fakeFetch(() => Response.json(result));
    const answer = await createApiClient({ fetch }).catalog(request, 'tok');
    expect(answer).toEqual({ ok: true, data: result });
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer tok');
    expect(await requests[0]!.json()).toMatchObject({ stream: false, entry: request.entry });
  });

  it('returns budget-exceeded with its Retry-After', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        { error: { code: 'budget-exceeded', message: 'Daily budget used up.' } },
        { status: 429, headers: { 'retry-after': '3600' } },
      ),
    );
    expect(await createApiClient({ fetch }).catalog(request, 'tok')).toEqual({
      ok: false,
      error: {
        code: 'budget-exceeded',
        message: 'Daily budget used up.',
        status: 429,
        retryAfterSeconds: 3600,
      },
    });
  });

  it('returns aborted when the caller aborts', async () => {
    const controller = new AbortController();
    const fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      })) as typeof globalThis.fetch;
    const pending = createApiClient({ fetch }).catalog(request, 'tok', controller.signal);
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'aborted' } });
  });
});

describe('devices', () => {
  it('lists the devices with the token', async () => {
    const devices = {
      devices: [
        {
          id: 'd1',
          name: 'Safari on iPhone',
          createdAt: '2025-03-01T10:00:00.000Z',
          lastSeenAt: null,
          current: true,
        },
      ],
    };
    const { fetch, requests } = fakeFetch(() => Response.json(devices));
    expect(await createApiClient({ fetch }).listDevices('tok')).toEqual({
      ok: true,
      data: devices,
    });
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer tok');
    expect(new URL(requests[0]!.url).pathname).toBe('/api/v1/devices');
  });

  it('revokes a device: 204 with no body is success', async () => {
    const { fetch, requests } = fakeFetch(() => new Response(null, { status: 204 }));
    expect(await createApiClient({ fetch }).revokeDevice('d 2', 'tok')).toEqual({
      ok: true,
      data: null,
    });
    expect(requests[0]!.method).toBe('DELETE');
    expect(new URL(requests[0]!.url).pathname).toBe('/api/v1/devices/d%202');
  });

  it('pairs with a code, without a token', async () => {
    const credentials = { libraryId: 'lib', deviceId: 'd2', token: 'tok2' };
    const { fetch, requests } = fakeFetch(() => Response.json(credentials, { status: 201 }));
    const paired = await createApiClient({ fetch }).pairDevice({
      code: 'ABCD-EFGH',
      deviceName: 'Phone',
    });
    expect(paired).toEqual({ ok: true, data: credentials });
    expect(requests[0]!.headers.get('authorization')).toBeNull();
    expect(await requests[0]!.json()).toEqual({ code: 'ABCD-EFGH', deviceName: 'Phone' });
  });

  it('reports a revoked token as unauthenticated with its status', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json({ error: { code: 'unauthenticated', message: 'revoked' } }, { status: 401 }),
    );
    expect(await createApiClient({ fetch }).startPairing('tok')).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', status: 401 },
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('40')).toBe(40);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(
      parseRetryAfter('Sat, 01 Mar 2025 13:01:00 GMT', Date.parse('2025-03-01T13:00:00Z')),
    ).toBe(60);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
