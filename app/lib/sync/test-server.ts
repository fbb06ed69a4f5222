import { digestRevIds } from '#shared/sync/digest';
import { memoryStore } from '#shared/sync/memory-store';
import { applyPush, pullPage } from '#shared/sync/server-log';
import { DigestQuerySchema, PullQuerySchema, PushRequestSchema } from '#shared/sync/wire';

/**
 * For tests: the server's sync rules (`applyPush`/`pullPage` over `memory-store.ts`, as the
 * Library Durable Object runs them) behind a `fetch` that speaks worker/routes/sync.ts's wire
 * format — gzip push bodies, bearer tokens, the error shape, the device check of SYNC-7.
 */
export interface TestSyncServer {
  fetch: typeof fetch;
  store: ReturnType<typeof memoryStore>;
  /** Tokens → device ids. */
  devices: Map<string, string>;
  /** While true every request fails as if the network were down. */
  isDown: boolean;
  /** Requests seen, by path. */
  calls: string[];
  /** Drops the answer of the next push after the server committed it. */
  loseNextPushAnswer: boolean;
}

export function createTestSyncServer(): TestSyncServer {
  const server: TestSyncServer = {
    store: memoryStore(),
    devices: new Map(),
    isDown: false,
    calls: [],
    loseNextPushAnswer: false,
    fetch: async (input, init) => {
      if (server.isDown) throw new TypeError('Failed to fetch');
      const request = new Request(input, init);
      const url = new URL(request.url);
      server.calls.push(url.pathname);
      const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
      const deviceId = server.devices.get(token);
      if (!deviceId) return errorResponse(401, 'unauthenticated', 'Unknown or revoked token.');
      if (url.pathname === '/api/v1/sync/push' && request.method === 'POST') {
        const raw =
          request.headers.get('content-encoding') === 'gzip'
            ? await gunzip(request)
            : await request.text();
        const parsed = PushRequestSchema.safeParse(JSON.parse(raw));
        if (!parsed.success) return errorResponse(400, 'invalid-request', 'Bad push.');
        const isForeign = parsed.data.mutations.some(
          ({ revision }) => (revision as { deviceId?: unknown }).deviceId !== deviceId,
        );
        if (isForeign)
          return errorResponse(403, 'forbidden', 'A device can only push its own revisions.');
        const result = applyPush(server.store, deviceId, parsed.data.mutations);
        if (server.loseNextPushAnswer) {
          server.loseNextPushAnswer = false;
          throw new TypeError('Failed to fetch');
        }
        return Response.json({ ...result, serverTime: Date.now() });
      }
      const query = Object.fromEntries(url.searchParams);
      if (url.pathname === '/api/v1/sync/pull') {
        const { cursor, limit } = PullQuerySchema.parse(query);
        return Response.json({
          ...pullPage(server.store, deviceId, cursor, limit),
          serverTime: Date.now(),
        });
      }
      if (url.pathname === '/api/v1/sync/digest') {
        const { cursor } = DigestQuerySchema.parse(query);
        const upTo = Math.min(cursor ?? Number.MAX_SAFE_INTEGER, server.store.lastSeq());
        const revIds = server.store.revIdsUpTo(upTo);
        return Response.json({
          cursor: upTo,
          count: revIds.length,
          digest: await digestRevIds(revIds),
        });
      }
      return errorResponse(404, 'not-found', 'No such route.');
    },
  };
  return server;
}

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

async function gunzip(request: Request): Promise<string> {
  const stream = new Blob([await request.arrayBuffer()])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}
