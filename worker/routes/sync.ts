import { Hono } from 'hono';
import {
  DigestQuerySchema,
  PullQuerySchema,
  PushRequestSchema,
  type DigestResponse,
  type PullResponse,
  type PushResponse,
} from '#shared/sync/wire';
import type { AppEnv } from '../app-env.ts';
import { requireDevice } from '../auth.ts';
import { HttpError } from '../http-error.ts';
import { readJsonBody, validateBody } from '../read-body.ts';
import { syncKey } from './sync-key.ts';

/** Sync of encrypted revisions (shared/sync/SYNC-SPEC.md). Every route needs a device token. */
export const sync = new Hono<AppEnv>();

sync.use('*', requireDevice);
sync.route('/', syncKey);

sync.post('/push', async (c) => {
  const { library, deviceId } = c.get('device');
  const request = await readJsonBody(c.req.raw, PushRequestSchema);
  // SYNC-7: a device pushes only its own revisions, under its own mutation ids.
  const isForeign =
    (request.deviceId !== undefined && request.deviceId !== deviceId) ||
    request.mutations.some(({ revision }) => {
      const named = deviceIdOf(revision);
      return named !== undefined && named !== deviceId;
    });
  if (isForeign) {
    throw new HttpError(403, 'forbidden', 'A device can only push its own revisions.');
  }
  const result = await library.pushMutations(deviceId, request.mutations);
  const body: PushResponse = { ...result, serverTime: Date.now() };
  return c.json(body);
});

sync.get('/pull', async (c) => {
  const { library, deviceId } = c.get('device');
  const query = validateBody(PullQuerySchema, c.req.query());
  const page = await library.pullRevisions(deviceId, query.cursor, query.limit);
  const body: PullResponse = { ...page, serverTime: Date.now() };
  return c.json(body, 200, compressedFor(c.req.raw));
});

sync.get('/digest', async (c) => {
  const { library } = c.get('device');
  const query = validateBody(DigestQuerySchema, c.req.query());
  const body: DigestResponse = await library.syncDigest(query.cursor);
  return c.json(body, 200, compressedFor(c.req.raw));
});

/**
 * Pull pages are mostly base64 ciphertext and repeated field names: gzip halves them. Naming the
 * encoding is enough — the Workers runtime compresses the body itself (encodeBody "automatic").
 */
function compressedFor(request: Request): Record<string, string> {
  const accepts = request.headers.get('accept-encoding') ?? '';
  return /\bgzip\b/.test(accepts) ? { 'content-encoding': 'gzip' } : {};
}

/** The device id a revision names; a malformed revision names none and is judged later (SYNC-9). */
function deviceIdOf(revision: unknown): string | undefined {
  if (typeof revision !== 'object' || revision === null || !('deviceId' in revision)) {
    return undefined;
  }
  return typeof revision.deviceId === 'string' ? revision.deviceId : undefined;
}
