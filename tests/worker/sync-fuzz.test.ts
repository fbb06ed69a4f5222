import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { callWorker, jsonPost, registerDevice } from './helpers.ts';
import { fakeRevision } from './sync-helpers.ts';

describe('sync endpoints under random input', () => {
  it('SYNC-9: random push bodies and pull queries never cause a 5xx', async () => {
    const device = await registerDevice();
    const revision = fc.oneof(
      fc.constant(null).map(() => fakeRevision(device.deviceId)),
      fc.record(
        {
          entryId: fc.string(),
          revId: fc.string(),
          deviceId: fc.constant(device.deviceId),
          size: fc.integer(),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    const body = fc.oneof(
      fc.record({
        mutations: fc.array(
          fc.record({ mutationId: fc.integer({ min: -2, max: 1e6 }), revision }),
          { maxLength: 5 },
        ),
      }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.string({ maxLength: 12 }), async (json, cursor) => {
        const pushed = await callWorker(
          '/api/v1/sync/push',
          jsonPost(JSON.stringify(json) ?? 'null', device.token),
        );
        expect(pushed.status).toBeLessThan(500);
        if (pushed.status !== 200) ErrorBodySchema.parse(await pushed.json());
        else await pushed.arrayBuffer();
        const pulled = await callWorker(`/api/v1/sync/pull?cursor=${encodeURIComponent(cursor)}`, {
          headers: { authorization: `Bearer ${device.token}` },
        });
        expect(pulled.status).toBeLessThan(500);
        await pulled.arrayBuffer();
      }),
      { numRuns: 60 },
    );
  });
});
