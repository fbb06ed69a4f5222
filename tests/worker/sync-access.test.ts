import { describe, expect, it } from 'vitest';
import { callWorker, jsonPost, registerDevice } from './helpers.ts';
import { fakeRevision, pull, push, pushOk, syncRows } from './sync-helpers.ts';

async function pairedDevice(token: string) {
  const offer = await callWorker('/api/v1/devices/pairing', jsonPost({}, token));
  const { code } = (await offer.json()) as { code: string };
  const response = await callWorker('/api/v1/devices/pair', jsonPost({ code, deviceName: 'b' }));
  return (await response.json()) as { libraryId: string; deviceId: string; token: string };
}

describe('sync access', () => {
  it('SYNC-7: a token of library A can neither read nor write library B', async () => {
    const a = await registerDevice('a');
    const b = await registerDevice('b');
    await pushOk(b.token, [{ mutationId: 1, revision: fakeRevision(b.deviceId) }]);
    // A pushing in B's device name is refused; A's own push lands in A only.
    expect(
      (await push(a.token, [{ mutationId: 1, revision: fakeRevision(b.deviceId) }])).status,
    ).toBe(403);
    await pushOk(a.token, [{ mutationId: 1, revision: fakeRevision(a.deviceId) }]);
    const seenByA = await pull(a.token);
    expect(seenByA.revisions.map((revision) => revision.deviceId)).toEqual([a.deviceId]);
    expect(await syncRows(b.libraryId, 'sync_revisions')).toHaveLength(1);
  });

  it('SYNC-7: a revoked device’s pushes and pulls are refused', async () => {
    const first = await registerDevice('first');
    const second = await pairedDevice(first.token);
    expect(second.libraryId).toBe(first.libraryId);
    await pushOk(second.token, [{ mutationId: 1, revision: fakeRevision(second.deviceId) }]);
    const revoke = await callWorker(`/api/v1/devices/${second.deviceId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${first.token}` },
    });
    expect(revoke.status).toBe(204);
    const refused = await push(second.token, [
      { mutationId: 2, revision: fakeRevision(second.deviceId) },
    ]);
    expect(refused.status).toBe(401);
    const pullRefused = await callWorker('/api/v1/sync/pull', {
      headers: { authorization: `Bearer ${second.token}` },
    });
    expect(pullRefused.status).toBe(401);
    expect(await syncRows(first.libraryId, 'sync_revisions')).toHaveLength(1);
  });

  it('SYNC-8: paired devices of one library see each other’s revisions', async () => {
    const first = await registerDevice('first');
    const second = await pairedDevice(first.token);
    await pushOk(first.token, [{ mutationId: 1, revision: fakeRevision(first.deviceId) }]);
    await pushOk(second.token, [{ mutationId: 1, revision: fakeRevision(second.deviceId) }]);
    const page = await pull(second.token);
    expect(page.revisions.map((revision) => revision.deviceId)).toEqual([
      first.deviceId,
      second.deviceId,
    ]);
  });
});
