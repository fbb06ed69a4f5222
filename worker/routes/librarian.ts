import { Hono } from 'hono';
import { CompareRequestSchema } from '#shared/compare';
import { CatalogBatchRequestSchema, CatalogRequestSchema } from '#shared/librarian';
import type { AppEnv } from '../app-env.ts';
import { requireDevice } from '../auth.ts';
import { readConfig, type Config } from '../env.ts';
import { HttpError } from '../http-error.ts';
import type { CallContext } from '../librarian/call-context.ts';
import { catalogBatch } from '../librarian/catalog-batch.ts';
import { catalogOne } from '../librarian/catalog-one.ts';
import { compareModels } from '../librarian/compare.ts';
import { sessionIdFor } from '../librarian/prepare-call.ts';
import { readJson, readJsonBody, validateBody } from '../read-body.ts';

export const librarian = new Hono<AppEnv>();

/** One memory (`entry`), or a batch of queued ones (`entries`). */
librarian.post('/catalog', requireDevice, async (c) => {
  const json = await readJson(c.req.raw);
  if (typeof json === 'object' && json !== null && 'entries' in json) {
    const batch = validateBody(CatalogBatchRequestSchema, json);
    const call = await callContext(c.env, c.get('device'), c.executionCtx);
    return c.json(await catalogBatch(call, batch));
  }
  const request = validateBody(CatalogRequestSchema, json);
  const call = await callContext(c.env, c.get('device'), c.executionCtx);
  return catalogOne(call, request, c.req.raw.signal);
});

/** The same memory to 2–4 models at once, each budgeted on its own. */
librarian.post('/compare', requireDevice, async (c) => {
  const request = await readJsonBody(c.req.raw, CompareRequestSchema);
  const call = await callContext(c.env, c.get('device'), c.executionCtx);
  return c.json(await compareModels(call, request));
});

async function callContext(
  env: AppEnv['Bindings'],
  device: CallContext['device'],
  ctx: ExecutionContext,
): Promise<CallContext> {
  const config = readConfig(env);
  ensureOnline(config);
  return { env, config, device, ctx, sessionId: await sessionIdFor(device.libraryId) };
}

function ensureOnline(config: Config): void {
  if (!config.isLibrarianOnline) {
    throw new HttpError(
      503,
      'upstream-unavailable',
      'The AI librarian is not configured on this server.',
    );
  }
}
