import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { applyPush, type SyncStore } from '#shared/sync/server-log';
import { PushResponseSchema } from '#shared/sync/wire';
import { sqlSyncStore } from '../../worker/storage/sync-store.ts';
import { callWorker, libraryStub, registerDevice } from './helpers.ts';
import { fakeRevision, pull, push, pushOk, syncRows } from './sync-helpers.ts';

describe('POST /api/v1/sync/push', () => {
  it('SYNC-5: applies a batch and answers acked mutation ids with the server cursor', async () => {
    const device = await registerDevice();
    const mutations = [1, 2, 3].map((mutationId) => ({
      mutationId,
      revision: fakeRevision(device.deviceId),
    }));
    const body = PushResponseSchema.parse(await pushOk(device.token, mutations));
    expect(body).toMatchObject({ acked: [1, 2, 3], rejected: [], cursor: 3 });
    expect(await syncRows(device.libraryId, 'sync_revisions')).toHaveLength(3);
  });

  it('SYNC-6: the same batch twice is stored once and acked both times', async () => {
    const device = await registerDevice();
    const mutations = [1, 2].map((mutationId) => ({
      mutationId,
      revision: fakeRevision(device.deviceId),
    }));
    const first = await pushOk(device.token, mutations);
    const second = await pushOk(device.token, mutations);
    expect(second.acked).toEqual(first.acked);
    expect(second.cursor).toBe(first.cursor);
    expect(await syncRows(device.libraryId, 'sync_revisions')).toHaveLength(2);
  });

  it('SYNC-6a: ids seen without a gap become a floor; ids out of order keep their rows until the gap closes', async () => {
    const device = await registerDevice();
    const mutation = (mutationId: number) => ({
      mutationId,
      revision: fakeRevision(device.deviceId),
    });
    await pushOk(device.token, [mutation(1), mutation(2)]);
    expect(await syncRows(device.libraryId, 'sync_mutations')).toEqual([]);
    expect(await syncRows(device.libraryId, 'sync_mutation_floors')).toEqual([
      { device_id: device.deviceId, floor: 2 },
    ]);

    // 5 and 4 arrive before 3: they stay rows, and the pull still reports the highest id seen.
    await pushOk(device.token, [mutation(5), mutation(4)]);
    const waiting = await syncRows(device.libraryId, 'sync_mutations');
    expect(waiting.map((row) => row.mutation_id)).toEqual([4, 5]);
    expect((await pull(device.token)).lastMutationId).toBe(5);

    await pushOk(device.token, [mutation(3)]);
    expect(await syncRows(device.libraryId, 'sync_mutations')).toEqual([]);
    expect(await syncRows(device.libraryId, 'sync_mutation_floors')).toEqual([
      { device_id: device.deviceId, floor: 5 },
    ]);
    expect((await pull(device.token)).lastMutationId).toBe(5);

    // A replay under the floor is answered as applied and stores nothing (SYNC-6 still holds).
    const replay = await pushOk(device.token, [mutation(2), mutation(4)]);
    expect(replay.acked).toEqual([2, 4]);
    expect(await syncRows(device.libraryId, 'sync_revisions')).toHaveLength(5);
  });

  it('SYNC-6a: a rejection keeps its row under the floor, so a retry gets the same reason', async () => {
    const device = await registerDevice();
    await pushOk(device.token, [
      { mutationId: 1, revision: { nonsense: true } },
      { mutationId: 2, revision: fakeRevision(device.deviceId) },
    ]);
    const rows = await syncRows(device.libraryId, 'sync_mutations');
    expect(rows).toEqual([
      {
        device_id: device.deviceId,
        mutation_id: 1,
        status: 'rejected',
        reason: 'invalid-revision',
      },
    ]);
    const retry = await pushOk(device.token, [{ mutationId: 1, revision: { nonsense: true } }]);
    expect(retry.rejected).toEqual([{ mutationId: 1, reason: 'invalid-revision' }]);
  });

  it('SYNC-6: a replayed mutation id is skipped even with different content', async () => {
    const device = await registerDevice();
    await pushOk(device.token, [{ mutationId: 7, revision: fakeRevision(device.deviceId) }]);
    const replay = await pushOk(device.token, [
      { mutationId: 7, revision: fakeRevision(device.deviceId) },
    ]);
    expect(replay.acked).toEqual([7]);
    expect(await syncRows(device.libraryId, 'sync_revisions')).toHaveLength(1);
  });

  it('SYNC-6: a revision re-pushed under a new mutation id is acked, not duplicated', async () => {
    const device = await registerDevice();
    const revision = fakeRevision(device.deviceId);
    await pushOk(device.token, [{ mutationId: 1, revision }]);
    const again = await pushOk(device.token, [{ mutationId: 2, revision }]);
    expect(again.acked).toEqual([2]);
    expect(await syncRows(device.libraryId, 'sync_revisions')).toHaveLength(1);
  });

  it('SYNC-11: two heads from the same parent are both kept (content never rejected)', async () => {
    const device = await registerDevice();
    const root = fakeRevision(device.deviceId);
    const child = (n: number) =>
      fakeRevision(device.deviceId, {
        entryId: root.entryId,
        parentRevId: root.revId,
        revId: `c${n}`,
      });
    const body = await pushOk(device.token, [
      { mutationId: 1, revision: root },
      { mutationId: 2, revision: child(1) },
      { mutationId: 3, revision: child(2) },
    ]);
    expect(body.acked).toEqual([1, 2, 3]);
  });

  it('SYNC-9: invalid mutations are recorded as rejected with a reason and do not block', async () => {
    const device = await registerDevice();
    // Valid base64 just over the 128 KB limit (the request itself stays under 256 KB).
    const ciphertext = 'A'.repeat(Math.ceil((130 * 1024) / 3) * 4);
    const tooLarge = fakeRevision(device.deviceId, {
      ciphertext,
      size: (ciphertext.length / 4) * 3,
    });
    const body = await pushOk(device.token, [
      { mutationId: 1, revision: { nonsense: true } },
      { mutationId: 2, revision: tooLarge },
      { mutationId: 3, revision: fakeRevision(device.deviceId, { size: 1 }) },
      { mutationId: 4, revision: fakeRevision(device.deviceId) },
    ]);
    expect(body.acked).toEqual([4]);
    expect(body.rejected).toEqual([
      { mutationId: 1, reason: 'invalid-revision' },
      { mutationId: 2, reason: 'too-large' },
      { mutationId: 3, reason: 'size-mismatch' },
    ]);
    const recorded = await syncRows(device.libraryId, 'sync_mutations');
    expect(recorded.filter((row) => row.status === 'rejected')).toHaveLength(3);
    // A retry gets the same answer and writes nothing new.
    const retry = await pushOk(device.token, [{ mutationId: 2, revision: tooLarge }]);
    expect(retry.rejected).toEqual([{ mutationId: 2, reason: 'too-large' }]);
  });

  it('SYNC-5: a batch that fails midway leaves nothing half-applied', async () => {
    const device = await registerDevice();
    const mutations = [1, 2, 3].map((mutationId) => ({
      mutationId,
      revision: fakeRevision(device.deviceId),
    }));
    await runInDurableObject(libraryStub(device.libraryId), (_instance, state) => {
      const store = sqlSyncStore(state.storage);
      let inserts = 0;
      // Only this test's store fails: production has no such hook.
      const failing: SyncStore = {
        ...store,
        insertRevision(revision) {
          inserts += 1;
          if (inserts === 3) throw new Error('disk full (simulated)');
          return store.insertRevision(revision);
        },
      };
      expect(() => applyPush(failing, device.deviceId, mutations)).toThrow(/simulated/);
    });
    expect(await syncRows(device.libraryId, 'sync_revisions')).toHaveLength(0);
    expect(await syncRows(device.libraryId, 'sync_mutations')).toHaveLength(0);
    // The retry then applies all of it.
    expect((await pushOk(device.token, mutations)).acked).toEqual([1, 2, 3]);
  });

  it('SYNC-7: a device cannot push revisions in another device’s name (403)', async () => {
    const device = await registerDevice();
    const foreign = await push(device.token, [
      { mutationId: 1, revision: fakeRevision('someone-else') },
    ]);
    expect(foreign.status).toBe(403);
    const named = await push(
      device.token,
      [{ mutationId: 1, revision: fakeRevision(device.deviceId) }],
      'someone-else',
    );
    expect(named.status).toBe(403);
    expect(ErrorBodySchema.parse(await named.json()).error.code).toBe('forbidden');
    expect(await syncRows(device.libraryId, 'sync_revisions')).toHaveLength(0);
  });

  it('SYNC-7: without a token, or with a malformed body, nothing is applied', async () => {
    const device = await registerDevice();
    const anonymous = await callWorker('/api/v1/sync/push', {
      method: 'POST',
      body: JSON.stringify({ mutations: [] }),
    });
    expect(anonymous.status).toBe(401);
    const empty = await push(device.token, []);
    expect(empty.status).toBe(400);
  });
});
