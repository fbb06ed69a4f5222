import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import {
  callWorker,
  catalogRequest,
  jsonPost,
  libraryStub,
  postCatalog,
  registerDevice,
} from './helpers.ts';

async function expectUnauthenticated(response: Response) {
  expect(response.status).toBe(401);
  expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('unauthenticated');
}

describe('device tokens on authenticated routes', () => {
  it('refuses a request without a token', async () => {
    await expectUnauthenticated(
      await callWorker('/api/v1/librarian/catalog', jsonPost(catalogRequest('hello'))),
    );
  });

  it('refuses a garbled token', async () => {
    await expectUnauthenticated(await postCatalog('not-a-token', catalogRequest('hello')));
    await expectUnauthenticated(await postCatalog('ml1.xyz.abc', catalogRequest('hello')));
  });

  it('refuses a token with the wrong secret', async () => {
    const { libraryId } = await registerDevice();
    const forged = `ml1.${libraryId}.${'A'.repeat(43)}`;
    await expectUnauthenticated(await postCatalog(forged, catalogRequest('hello')));
  });

  it('refuses one library’s secret presented for another library', async () => {
    const a = await registerDevice();
    const b = await registerDevice();
    const mixed = `ml1.${b.libraryId}.${a.token.split('.')[2]}`;
    await expectUnauthenticated(await postCatalog(mixed, catalogRequest('hello')));
  });

  it('gives a made-up library id no storage', async () => {
    const libraryId = 'f'.repeat(32);
    await expectUnauthenticated(
      await postCatalog(`ml1.${libraryId}.${'B'.repeat(43)}`, catalogRequest('hello')),
    );
    const tables = await runInDurableObject(libraryStub(libraryId), (_instance, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray(),
    );
    expect(tables).toEqual([]);
  });

  it('checks auth before the body, so a bad body without a token is 401', async () => {
    await expectUnauthenticated(await callWorker('/api/v1/librarian/catalog', jsonPost('{oops')));
  });
});
