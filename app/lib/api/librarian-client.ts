import { CompareResultSchema, type CompareRequest, type CompareResult } from '#shared/compare';
import {
  CatalogBatchResultSchema,
  CatalogResultSchema,
  type CatalogBatchRequest,
  type CatalogBatchResult,
  type CatalogRequest,
  type CatalogResult,
} from '#shared/librarian';
import { ModelListSchema, type ModelList } from '#shared/models';
import { UsageReportSchema, type UsageReport } from '#shared/usage';
import { readCatalogStream, type CatalogStreamHandlers } from './catalog-stream.ts';
import type { ApiResult } from './result.ts';
import { createTransport, type ApiClientOptions } from './transport.ts';

/**
 * The librarian and its ink: the largest schemas (catalog cards, comparisons), which start-up
 * never needs, so they are loaded apart from the devices' (lazy-client.ts).
 */
export interface LibrarianClient {
  /** One catalog request answered as JSON. */
  catalog(
    request: CatalogRequest,
    token: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<CatalogResult>>;
  /** The same, streamed: deltas go to `handlers` as they arrive; resolves with the whole result. */
  catalogStream(
    request: CatalogRequest,
    token: string,
    handlers: CatalogStreamHandlers,
    signal?: AbortSignal,
  ): Promise<ApiResult<CatalogResult>>;
  /** 2–8 queued memories in one request (one upstream call), answered as JSON, entry by entry. */
  catalogBatch(
    request: CatalogBatchRequest,
    token: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<CatalogBatchResult>>;
  /** The library's budget ("ink"): used and left today and this month. */
  getUsage(token: string, signal?: AbortSignal): Promise<ApiResult<UsageReport>>;
  /** The models this deployment allows, the default first. */
  listModels(token: string, signal?: AbortSignal): Promise<ApiResult<ModelList>>;
  /** One memory to 2–4 models at once. */
  compare(
    request: CompareRequest,
    token: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<CompareResult>>;
}

export function createLibrarianClient(options: ApiClientOptions = {}): LibrarianClient {
  const { send, parseJson, getJson, postJson, jsonHeaders } = createTransport(options);
  return {
    getUsage: (token, signal) => getJson('/usage', UsageReportSchema, token, signal),

    listModels: (token, signal) => getJson('/models', ModelListSchema, token, signal),

    compare: (request, token, signal) =>
      postJson('/librarian/compare', request, CompareResultSchema, token, signal),

    async catalog(request, token, signal) {
      const sent = await send('/librarian/catalog', {
        method: 'POST',
        headers: jsonHeaders(token),
        body: JSON.stringify({ ...request, stream: false }),
        signal,
      });
      return sent.ok ? parseJson(sent.data, CatalogResultSchema) : sent;
    },

    catalogBatch: (request, token, signal) =>
      postJson(
        '/librarian/catalog',
        { ...request, stream: false },
        CatalogBatchResultSchema,
        token,
        signal,
      ),

    async catalogStream(request, token, handlers, signal) {
      const sent = await send('/librarian/catalog', {
        method: 'POST',
        headers: { ...jsonHeaders(token), accept: 'text/event-stream' },
        body: JSON.stringify({ ...request, stream: true }),
        signal,
      });
      if (!sent.ok) return sent;
      const response = sent.data;
      // A server (or a cached reply) may answer a streamed request with plain JSON.
      if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
        const parsed = await parseJson(response, CatalogResultSchema);
        if (parsed.ok) handlers.onReply?.(parsed.data.reply);
        return parsed;
      }
      return readCatalogStream(response, handlers);
    },
  };
}
