import { describe, expect, it } from 'vitest';
import { createLazyApiClient } from './lazy-client.ts';

describe('createLazyApiClient', () => {
  it('answers from both halves over the same fetch, as the whole client does', async () => {
    const paths: string[] = [];
    const fetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://app.test');
      paths.push(url.pathname);
      if (url.pathname === '/api/v1/health')
        return Response.json({ ok: true, version: '0.1.0', librarian: 'offline' });
      return Response.json(
        { error: { code: 'unauthenticated', message: 'no token' } },
        { status: 401 },
      );
    }) as typeof globalThis.fetch;
    const client = createLazyApiClient({ baseUrl: 'http://app.test', fetch });

    expect(await client.getHealth()).toMatchObject({ ok: true, data: { librarian: 'offline' } });
    expect(await client.getUsage('tok')).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', status: 401 },
    });
    expect(paths).toEqual(['/api/v1/health', '/api/v1/usage']);
  });
});
