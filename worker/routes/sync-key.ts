import { Hono } from 'hono';
import {
  HandoffRequestIdSchema,
  KEY_HANDOFF_TTL_MS,
  PairingEnvelopeSchema,
  PassphraseWrappedKeySchema,
  PostKeyHandoffRequestSchema,
  PutLibraryKeyRequestSchema,
  type KeyHandoff,
  type LibraryKeyBlob,
  type PostKeyHandoffResponse,
  type PutLibraryKeyResponse,
} from '#shared/sync/key-wire';
import type { AppEnv } from '../app-env.ts';
import { HttpError } from '../http-error.ts';
import { readJsonBody, validateBody } from '../read-body.ts';

/**
 * The library key's server-side helpers (SYNC-18a, SYNC-19a), mounted inside `sync`, whose
 * middleware has already required a device token. Only wrapped blobs pass through here.
 */
export const syncKey = new Hono<AppEnv>();

syncKey.get('/key', async (c) => {
  const { library } = c.get('device');
  const stored = await library.wrappedKey();
  if (!stored) throw new HttpError(404, 'not-found', 'This library has no encryption key yet.');
  const body: LibraryKeyBlob = {
    wrappedKey: PassphraseWrappedKeySchema.parse(JSON.parse(stored.wrappedKey)),
    version: stored.version,
  };
  return c.json(body);
});

syncKey.put('/key', async (c) => {
  const { library } = c.get('device');
  const request = await readJsonBody(c.req.raw, PutLibraryKeyRequestSchema);
  const version = await library.putWrappedKey({
    wrappedKey: JSON.stringify(request.wrappedKey),
    expectedVersion: request.expectedVersion,
    now: Date.now(),
  });
  if (version === null) {
    throw new HttpError(
      409,
      'conflict',
      'Another device set or changed the library key first. Read it again.',
    );
  }
  const body: PutLibraryKeyResponse = { version };
  return c.json(body);
});

syncKey.post('/key-handoff', async (c) => {
  const { library } = c.get('device');
  const request = await readJsonBody(c.req.raw, PostKeyHandoffRequestSchema);
  const now = Date.now();
  const expiresAt = now + KEY_HANDOFF_TTL_MS;
  const isOffered = await library.offerKeyHandoff({
    requestId: request.requestId,
    envelope: JSON.stringify(request.envelope),
    expiresAt,
    now,
  });
  if (!isOffered) {
    throw new HttpError(409, 'conflict', 'A key is already waiting for this device.');
  }
  const body: PostKeyHandoffResponse = { expiresAt: new Date(expiresAt).toISOString() };
  return c.json(body, 201);
});

syncKey.get('/key-handoff/:requestId', async (c) => {
  const { library } = c.get('device');
  const requestId = validateBody(HandoffRequestIdSchema, c.req.param('requestId'));
  const envelope = await library.takeKeyHandoff(requestId, Date.now());
  if (envelope === null) {
    throw new HttpError(404, 'not-found', 'No key is waiting for this device (yet).');
  }
  const body: KeyHandoff = { envelope: PairingEnvelopeSchema.parse(JSON.parse(envelope)) };
  return c.json(body);
});
