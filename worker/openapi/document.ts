import { z } from 'zod';
import { CompareRequestSchema, CompareResultSchema } from '#shared/compare';
import {
  DeviceCredentialsSchema,
  DeviceListSchema,
  PairDeviceRequestSchema,
  PairingCodeSchema,
  RegisterDeviceRequestSchema,
} from '#shared/devices';
import { ErrorBodySchema } from '#shared/errors';
import { HealthSchema } from '#shared/health';
import {
  CatalogBatchRequestSchema,
  CatalogBatchResultSchema,
  CatalogRequestSchema,
  CatalogResultSchema,
} from '#shared/librarian';
import { ModelListSchema } from '#shared/models';
import {
  DigestResponseSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  RevisionSchema,
} from '#shared/sync/wire';
import {
  KeyHandoffSchema,
  LibraryKeyBlobSchema,
  PostKeyHandoffRequestSchema,
  PostKeyHandoffResponseSchema,
  PutLibraryKeyRequestSchema,
  PutLibraryKeyResponseSchema,
} from '#shared/sync/key-wire';
import { UsageReportSchema } from '#shared/usage';
import packageJson from '../../package.json';
import { operation, type Operation } from './operation.ts';

/** Every schema the document names, as JSON Schema (2020-12, which OpenAPI 3.1 uses). */
const COMPONENTS: Record<string, { schema: z.ZodType; io: 'input' | 'output' }> = {
  Error: { schema: ErrorBodySchema, io: 'output' },
  Health: { schema: HealthSchema, io: 'output' },
  RegisterDeviceRequest: { schema: RegisterDeviceRequestSchema, io: 'input' },
  DeviceCredentials: { schema: DeviceCredentialsSchema, io: 'output' },
  PairingCode: { schema: PairingCodeSchema, io: 'output' },
  PairDeviceRequest: { schema: PairDeviceRequestSchema, io: 'input' },
  DeviceList: { schema: DeviceListSchema, io: 'output' },
  CatalogRequest: { schema: CatalogRequestSchema, io: 'input' },
  CatalogBatchRequest: { schema: CatalogBatchRequestSchema, io: 'input' },
  CatalogResult: { schema: CatalogResultSchema, io: 'output' },
  CatalogBatchResult: { schema: CatalogBatchResultSchema, io: 'output' },
  CompareRequest: { schema: CompareRequestSchema, io: 'input' },
  CompareResult: { schema: CompareResultSchema, io: 'output' },
  ModelList: { schema: ModelListSchema, io: 'output' },
  UsageReport: { schema: UsageReportSchema, io: 'output' },
  Revision: { schema: RevisionSchema, io: 'input' },
  PushRequest: { schema: PushRequestSchema, io: 'input' },
  PushResponse: { schema: PushResponseSchema, io: 'output' },
  PullResponse: { schema: PullResponseSchema, io: 'output' },
  DigestResponse: { schema: DigestResponseSchema, io: 'output' },
  LibraryKeyBlob: { schema: LibraryKeyBlobSchema, io: 'output' },
  PutLibraryKeyRequest: { schema: PutLibraryKeyRequestSchema, io: 'input' },
  PutLibraryKeyResponse: { schema: PutLibraryKeyResponseSchema, io: 'output' },
  PostKeyHandoffRequest: { schema: PostKeyHandoffRequestSchema, io: 'input' },
  PostKeyHandoffResponse: { schema: PostKeyHandoffResponseSchema, io: 'output' },
  KeyHandoff: { schema: KeyHandoffSchema, io: 'output' },
};

function componentSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(COMPONENTS).map(([name, { schema, io }]) => {
      const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
      return [name, json];
    }),
  );
}

const PATHS: Record<string, Record<string, Operation>> = {
  '/api/v1/health': { get: operation('Is the server and its librarian up?', { ok: 'Health' }) },
  '/api/v1/devices': {
    post: operation('Register a device in a new library (invite unless registration is open)', {
      body: 'RegisterDeviceRequest',
      ok: 'DeviceCredentials',
      status: 201,
    }),
    get: operation("This library's devices", { ok: 'DeviceList', auth: true }),
  },
  '/api/v1/devices/pairing': {
    post: operation('A single-use code (10 minutes) for a second device', {
      ok: 'PairingCode',
      status: 201,
      auth: true,
    }),
  },
  '/api/v1/devices/pair': {
    post: operation('Join the library that made the code', {
      body: 'PairDeviceRequest',
      ok: 'DeviceCredentials',
      status: 201,
    }),
  },
  '/api/v1/devices/{id}': {
    delete: operation('Revoke a device: its token stops working at once', {
      status: 204,
      auth: true,
      pathParam: 'id',
    }),
  },
  '/api/v1/librarian/catalog': {
    post: operation(
      'Catalogue and answer one memory (`entry`), or 2–8 (`entries`). `stream: true` answers as SSE events reasoning, reply, catalog, usage, error, done.',
      {
        body: ['CatalogRequest', 'CatalogBatchRequest'],
        ok: ['CatalogResult', 'CatalogBatchResult'],
        auth: true,
        sse: true,
      },
    ),
  },
  '/api/v1/librarian/compare': {
    post: operation('The same memory to 2–4 models, each budgeted on its own', {
      body: 'CompareRequest',
      ok: 'CompareResult',
      auth: true,
    }),
  },
  '/api/v1/models': {
    get: operation('Allowed models, prices (USD per token) and capabilities', {
      ok: 'ModelList',
      auth: true,
    }),
  },
  '/api/v1/usage': {
    get: operation('Budget used and left, day and month', { ok: 'UsageReport', auth: true }),
  },
  '/api/v1/sync/push': {
    post: operation(
      'Encrypted revisions (each `revision` a Revision) under per-device mutation ids; one transaction, idempotent',
      { body: 'PushRequest', ok: 'PushResponse', auth: true },
    ),
  },
  '/api/v1/sync/pull': {
    get: operation('Revisions after `?cursor=` (server sequence), `&limit=` at most 1000', {
      ok: 'PullResponse',
      auth: true,
    }),
  },
  '/api/v1/sync/digest': {
    get: operation('SHA-256 over the sorted revIds with seq ≤ `?cursor=` (default all)', {
      ok: 'DigestResponse',
      auth: true,
    }),
  },
  '/api/v1/sync/key': {
    get: operation('The library key wrapped by the passphrase, and its version; 404 before setup', {
      ok: 'LibraryKeyBlob',
      auth: true,
    }),
    put: operation(
      'Set or re-wrap the wrapped library key; 409 conflict unless `expectedVersion` is the stored version (0: none)',
      { body: 'PutLibraryKeyRequest', ok: 'PutLibraryKeyResponse', auth: true },
    ),
  },
  '/api/v1/sync/key-handoff': {
    post: operation(
      'Leave a pairing envelope (the key wrapped to a new device) for 10 minutes; 409 if one is waiting',
      { body: 'PostKeyHandoffRequest', ok: 'PostKeyHandoffResponse', status: 201, auth: true },
    ),
  },
  '/api/v1/sync/key-handoff/{requestId}': {
    get: operation('Take the waiting envelope: once; 404 until posted, after reading or expiry', {
      ok: 'KeyHandoff',
      auth: true,
      pathParam: 'requestId',
    }),
  },
};

/** The OpenAPI 3.1 document of API v1, built from the same zod schemas the Worker validates with. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Memory Library API',
      version: packageJson.version,
      description:
        'Errors are always {"error":{"code","message","details"?}}. Budget refusals are 429 budget-exceeded with Retry-After.',
    },
    servers: [{ url: '/' }],
    paths: PATHS,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        deviceToken: { type: 'http', scheme: 'bearer', description: 'A device token (ml1.…)' },
      },
    },
  };
}
