import { runInDurableObject } from 'cloudflare:test';
import { expect } from 'vitest';
import { formatHlc } from '#shared/sync/hlc';
import type { PullResponse, PushResponse, Revision } from '#shared/sync/wire';
import { callWorker, jsonPost, libraryStub } from './helpers.ts';

/** A well-formed revision with random bytes for ciphertext (the server cannot tell). */
export function fakeRevision(deviceId: string, extra: Partial<Revision> = {}): Revision {
  const bytes = crypto.getRandomValues(new Uint8Array(48));
  return {
    entryId: `e-${crypto.randomUUID().slice(0, 8)}`,
    revId: `r-${crypto.randomUUID()}`,
    parentRevId: null,
    deviceId,
    hlc: formatHlc({ ms: Date.now(), counter: 0, deviceId }),
    ciphertext: btoa(String.fromCharCode(...bytes)),
    size: bytes.length,
    ...extra,
  };
}

export async function push(
  token: string,
  mutations: { mutationId: number; revision: unknown }[],
  deviceId?: string,
): Promise<Response> {
  return callWorker('/api/v1/sync/push', jsonPost({ deviceId, mutations }, token));
}

export async function pushOk(
  token: string,
  mutations: { mutationId: number; revision: unknown }[],
): Promise<PushResponse> {
  const response = await push(token, mutations);
  expect(response.status).toBe(200);
  return response.json();
}

export async function pull(token: string, cursor = 0, limit?: number): Promise<PullResponse> {
  const query = `cursor=${cursor}${limit ? `&limit=${limit}` : ''}`;
  const response = await callWorker(`/api/v1/sync/pull?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

export function syncRows(
  libraryId: string,
  table: 'sync_revisions' | 'sync_mutations' | 'sync_mutation_floors',
) {
  return runInDurableObject(libraryStub(libraryId), (_instance, state) =>
    state.storage.sql.exec<Record<string, SqlStorageValue>>(`SELECT * FROM ${table}`).toArray(),
  );
}
