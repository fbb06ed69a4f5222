import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../worker/security-headers.ts';
import {
  callWorker,
  catalogRequest,
  jsonPost,
  postCatalog,
  readSse,
  registerDevice,
} from './helpers.ts';

function expectSecurityHeaders(response: Response) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(response.headers.get(name), name).toBe(value);
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

describe('security headers', () => {
  it('are on successes, errors, 404s, 405s and streams alike', async () => {
    const { token } = await registerDevice();
    const responses = [
      await callWorker('/api/v1/health'),
      await callWorker('/api/v1/nothing'),
      await callWorker('/api/v1/health', jsonPost({})),
      await callWorker('/api/v1/usage'),
      await callWorker('/api/v1/devices', jsonPost('{broken')),
      await postCatalog(token, catalogRequest('streamed', { stream: true })),
    ];
    for (const response of responses) {
      expectSecurityHeaders(response);
      expect(response.headers.get('cache-control')).toMatch(/no-store|no-cache/);
    }
    await readSse(responses.at(-1)!);
  });
});

describe('what needs a token', () => {
  const guarded: [string, RequestInit][] = [
    ['/api/v1/devices', { method: 'GET' }],
    ['/api/v1/devices/pairing', { method: 'POST' }],
    ['/api/v1/devices/abc', { method: 'DELETE' }],
    ['/api/v1/models', { method: 'GET' }],
    ['/api/v1/usage', { method: 'GET' }],
    ['/api/v1/librarian/catalog', jsonPost(catalogRequest('x'))],
    ['/api/v1/librarian/compare', jsonPost({})],
  ];

  it.each(guarded)('%s refuses without a valid token', async (path, init) => {
    for (const authorization of [
      undefined,
      'Bearer nonsense',
      `Bearer ml1.${'a'.repeat(32)}.${'b'.repeat(43)}`,
    ]) {
      const headers = new Headers(init.headers);
      if (authorization) headers.set('authorization', authorization);
      const response = await callWorker(path, { ...init, headers });
      expect(response.status).toBe(401);
    }
  });
});

describe('one library’s token never reaches another library', () => {
  it('sees only its own usage and devices', async () => {
    const a = await registerDevice('a');
    const b = await registerDevice('b');
    await (await postCatalog(a.token, catalogRequest('spend in A'))).text();
    const usageOf = async (token: string) =>
      (await (
        await callWorker('/api/v1/usage', { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        day: { used: number };
      };
    await expect.poll(async () => (await usageOf(a.token)).day.used).toBeGreaterThan(0);
    expect((await usageOf(b.token)).day.used).toBe(0);
  });
});
