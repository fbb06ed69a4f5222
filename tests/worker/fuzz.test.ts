import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { callWorker, registerDevice } from './helpers.ts';

/** Every route, a few near misses, and a token or none: no input may produce a 5xx. */
const PATHS = [
  '/api/v1/health',
  '/api/v1/devices',
  '/api/v1/devices/pairing',
  '/api/v1/devices/pair',
  '/api/v1/devices/x',
  '/api/v1/librarian/catalog',
  '/api/v1/librarian/compare',
  '/api/v1/models',
  '/api/v1/usage',
  '/api/v1/openapi.json',
  '/api/v1/',
  '/api/v2/health',
  '/api/v1/devices/%ZZ',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

const entry = fc.record(
  {
    id: fc.string({ maxLength: 120 }),
    revId: fc.string({ maxLength: 5 }),
    text: fc.oneof(fc.string({ maxLength: 50 }), fc.constant('  ')),
    writtenAt: fc.oneof(fc.constant('2026-11-29T09:30:00+08:00'), fc.string({ maxLength: 30 })),
    lang: fc.constantFrom('zh', 'en', 'mixed', 'fr'),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

/** Bodies from and around the schemas: right shapes with wrong values, wrong types, junk. */
const body = fc.oneof(
  fc
    .record(
      {
        entry,
        entries: fc.array(entry, { maxLength: 10 }),
        related: fc.array(fc.anything(), { maxLength: 3 }),
        notebook: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        // Models no upstream is ever reached with: the fuzz must not spend or wait.
        model: fc.constantFrom('not/allowed', '', 'x'.repeat(200)),
        models: fc.array(fc.constantFrom('a/b', 'not/allowed'), { maxLength: 5 }),
        stream: fc.anything(),
        deviceName: fc.string({ maxLength: 70 }),
        invite: fc.anything(),
        code: fc.string({ maxLength: 25 }),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.json(),
  fc.string({ maxLength: 200 }),
  fc.constant('{"entry":'),
);

describe('property: no request makes the Worker answer 5xx', () => {
  it('answers every random method, path, header and body in the error shape below 500', async () => {
    const { token } = await registerDevice();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.constantFrom(...PATHS),
        fc.constantFrom('none', 'valid', 'garbage', 'wrong-library'),
        fc.option(body, { nil: undefined }),
        fc.constantFrom('application/json', 'text/plain', ''),
        async (method, path, auth, payload, contentType) => {
          const headers: Record<string, string> = {};
          if (contentType) headers['content-type'] = contentType;
          if (auth === 'valid') headers.authorization = `Bearer ${token}`;
          if (auth === 'garbage') headers.authorization = 'Bearer ml1.zz.%%';
          if (auth === 'wrong-library')
            headers.authorization = `Bearer ml1.${'0'.repeat(32)}.${token.split('.')[2]}`;
          const hasBody = payload !== undefined && method !== 'GET' && method !== 'HEAD';
          const response = await callWorker(path, {
            method,
            headers,
            body: hasBody ? payload : undefined,
          });
          expect(response.status, `${method} ${path}`).toBeLessThan(500);
          if (response.ok || method === 'HEAD' || response.status === 204) {
            await response.body?.cancel();
            return;
          }
          ErrorBodySchema.parse(await response.json());
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
