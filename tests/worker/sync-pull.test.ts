import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { encryptRevision, createLibraryKey } from '#shared/sync/crypto';
import { digestRevIds } from '#shared/sync/digest';
import { formatHlc } from '#shared/sync/hlc';
import { encodePayload } from '#shared/sync/payload';
import { DigestResponseSchema, PullResponseSchema, type Revision } from '#shared/sync/wire';
import { callWorker, libraryStub, registerDevice } from './helpers.ts';
import { fakeRevision, pull, pushOk } from './sync-helpers.ts';

describe('GET /api/v1/sync/pull', () => {
  it('SYNC-8: pages revisions after a cursor in server order, with hasMore', async () => {
    const device = await registerDevice();
    const revisions = Array.from({ length: 25 }, () => fakeRevision(device.deviceId));
    await pushOk(
      device.token,
      revisions.map((revision, index) => ({ mutationId: index + 1, revision })),
    );
    const seen: string[] = [];
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const page = PullResponseSchema.parse(await pull(device.token, cursor, 10));
      seen.push(...page.revisions.map((revision) => revision.revId));
      pages += 1;
      expect(page.cursor).toBe(page.revisions.at(-1)?.seq ?? cursor);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(revisions.map((revision) => revision.revId));
    const again = await pull(device.token, cursor);
    expect(again).toMatchObject({ revisions: [], cursor, hasMore: false, lastMutationId: 25 });
  });

  it('SYNC-8: a pulled revision is byte-for-byte what was pushed, plus its seq', async () => {
    const device = await registerDevice();
    const revision = fakeRevision(device.deviceId, { parentRevId: 'p', mergedRevIds: ['q', 'r'] });
    await pushOk(device.token, [{ mutationId: 1, revision }]);
    const page = await pull(device.token);
    expect(page.revisions).toEqual([{ ...revision, seq: 1 }]);
  });

  it('SYNC-8: refuses a malformed cursor with 400', async () => {
    const device = await registerDevice();
    const response = await callWorker('/api/v1/sync/pull?cursor=-1', {
      headers: { authorization: `Bearer ${device.token}` },
    });
    expect(response.status).toBe(400);
  });
});

describe('GET /api/v1/sync/digest', () => {
  it('SYNC-15: digest is SHA-256 over the sorted revIds up to a cursor', async () => {
    const device = await registerDevice();
    const revisions = Array.from({ length: 4 }, () => fakeRevision(device.deviceId));
    await pushOk(
      device.token,
      revisions.map((revision, index) => ({ mutationId: index + 1, revision })),
    );
    const get = async (query: string) =>
      DigestResponseSchema.parse(
        await (
          await callWorker(`/api/v1/sync/digest${query}`, {
            headers: { authorization: `Bearer ${device.token}` },
          })
        ).json(),
      );
    const all = await get('');
    expect(all).toEqual({
      cursor: 4,
      count: 4,
      digest: await digestRevIds(revisions.map((revision) => revision.revId)),
    });
    const two = await get('?cursor=2');
    expect(two.digest).toBe(await digestRevIds(revisions.slice(0, 2).map((r) => r.revId)));
  });
});

describe('what the server keeps', () => {
  it('SYNC-16: a canary written in a memory never reaches any Durable Object table', async () => {
    const device = await registerDevice();
    const canary = `canary-${crypto.randomUUID()}`;
    const key = await createLibraryKey();
    const ids = { libraryId: device.libraryId, entryId: 'entry-1', revId: 'rev-1' };
    const hlc = formatHlc({ ms: Date.now(), counter: 0, deviceId: device.deviceId });
    const plaintext = encodePayload(
      {
        v: 1,
        text: `Dear diary, ${canary} and 外婆的${canary}`,
        fields: {
          mood: { value: canary, hlc },
          tags: { value: [canary], hlc },
          private: { value: false, hlc },
          deleted: { value: false, hlc },
          writtenAt: { value: '2026-05-01T08:00:00+08:00', hlc },
        },
      },
      hlc,
    );
    const sealed = await encryptRevision(key, ids, plaintext);
    const revision: Revision = {
      ...ids,
      parentRevId: null,
      deviceId: device.deviceId,
      hlc,
      ...sealed,
    };
    delete (revision as Partial<Revision> & { libraryId?: string }).libraryId;
    // What travels: the request body holds no plaintext either.
    const body = JSON.stringify({ mutations: [{ mutationId: 1, revision }] });
    expect(body).not.toContain(canary);
    expect(body).not.toContain(btoa(canary).slice(0, 16));
    await pushOk(device.token, [{ mutationId: 1, revision }]);

    const dump = await runInDurableObject(libraryStub(device.libraryId), (_instance, state) => {
      const tables = state.storage.sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .toArray();
      let text = '';
      for (const { name } of tables) {
        for (const row of state.storage.sql.exec(`SELECT * FROM "${name}"`).toArray()) {
          for (const value of Object.values(row)) {
            // Blobs as Latin-1 and as UTF-8, so raw bytes of the canary would show either way.
            if (value instanceof ArrayBuffer) {
              const bytes = new Uint8Array(value);
              text += String.fromCharCode(...bytes) + new TextDecoder().decode(bytes);
            } else text += String(value);
            text += '\n';
          }
        }
      }
      return { text, tables: tables.map((table) => table.name) };
    });
    expect(dump.tables).toContain('sync_revisions');
    expect(dump.text).toContain(revision.revId);
    expect(dump.text).not.toContain(canary);
    expect(dump.text).not.toContain('Dear diary');
    expect(dump.text).not.toContain('外婆');
  });
});
