import { describe, expect, it } from 'vitest';
import { CompareResultSchema } from '#shared/compare';
import { ErrorBodySchema } from '#shared/errors';
import { ModelListSchema } from '#shared/models';
import {
  callApp,
  callWorker,
  catalogRequest,
  jsonPost,
  registerDevice,
  settledLedger,
  uniqueMarker,
  upstreamRequests,
} from './helpers.ts';

const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('GET /api/v1/models', () => {
  it('lists the allowlist with per-token prices, capabilities and the default', async () => {
    const { token } = await registerDevice();
    const { models } = ModelListSchema.parse(
      await (await callWorker('/api/v1/models', auth(token))).json(),
    );
    expect(models.map((model) => model.id)).toEqual([
      'openai/gpt-4o-mini',
      'google/gemini-2.5-flash',
      'deepseek/deepseek-chat-v3.1',
      'anthropic/claude-haiku-4.5',
      'qwen/qwen3-235b-a22b-2507',
    ]);
    expect(models.filter((model) => model.isDefault).map((model) => model.id)).toEqual([
      'openai/gpt-4o-mini',
    ]);
    expect(models[0]).toMatchObject({
      prices: { prompt: 0.15e-6, completion: 0.6e-6, cacheRead: 0.075e-6, cacheWrite: null },
      supportsStructuredOutput: true,
      supportsReasoning: false,
    });
  });

  it('gives an allowed model it does not know null prices', async () => {
    const { token } = await registerDevice();
    const { response } = await callApp('/api/v1/models', auth(token), {
      ALLOWED_MODELS: 'openai/gpt-4o-mini,local/my-model',
    });
    const { models } = ModelListSchema.parse(await response.json());
    expect(models[1]).toEqual({
      id: 'local/my-model',
      isDefault: false,
      prices: null,
      supportsStructuredOutput: false,
      supportsReasoning: false,
    });
  });

  it('needs a device token', async () => {
    expect((await callWorker('/api/v1/models')).status).toBe(401);
  });
});

describe('POST /api/v1/librarian/compare', () => {
  const models = ['openai/gpt-4o-mini', 'google/gemini-2.5-flash', 'anthropic/claude-haiku-4.5'];

  it('asks each model in parallel, each reserved and settled on its own', async () => {
    const { token, libraryId } = await registerDevice();
    const marker = uniqueMarker();
    const { entry } = catalogRequest(`Compare me ${marker}`);
    const response = await callWorker(
      '/api/v1/librarian/compare',
      jsonPost({ entry, models }, token),
    );
    expect(response.status).toBe(200);
    const { results } = CompareResultSchema.parse(await response.json());
    expect(results.map((item) => [item.model, item.ok])).toEqual(models.map((id) => [id, true]));
    for (const item of results) {
      expect(item.result?.model).toBe(item.model);
      expect(item.usage.totalTokens).toBeGreaterThan(0);
      expect(item.costUsd).toBe(item.usage.costUsd);
      expect(item.cacheShare).toBeGreaterThanOrEqual(0);
      expect(item.latencyMs).toBeGreaterThanOrEqual(0);
    }
    const sent = (await upstreamRequests(marker)).requests.map((request) => request.body.model);
    expect(sent.sort()).toEqual([...models].sort());
    const rows = await settledLedger(libraryId, 3);
    expect(rows.map((row) => row.model).sort()).toEqual([...models].sort());
  });

  it('gives every model the notebook and the corrections, as a catalog request would', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const { entry } = catalogRequest(`Compare me ${marker}`);
    const notebook = ['Lin is my sister'];
    const corrections = ['Moved "Lunch" from Everyday/meals to Family/Lin'];
    const response = await callWorker(
      '/api/v1/librarian/compare',
      jsonPost({ entry, notebook, corrections, models: models.slice(0, 2) }, token),
    );
    expect(response.status).toBe(200);
    const { requests } = await upstreamRequests(marker);
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      const user = JSON.stringify(request.body.messages.at(-1));
      expect(user).toContain('Lin is my sister');
      expect(user).toContain('Family/Lin');
    }
  });

  it('keeps the other models’ answers when one fails', async () => {
    const { token } = await registerDevice();
    const { entry } = catalogRequest(`One fails [[fail-model:${models[1]}]] ${uniqueMarker()}`);
    const response = await callWorker(
      '/api/v1/librarian/compare',
      jsonPost({ entry, models: models.slice(0, 2) }, token),
    );
    expect(response.status).toBe(200);
    const { results } = CompareResultSchema.parse(await response.json());
    expect(results.map((item) => [item.ok, item.error?.code])).toEqual([
      [true, undefined],
      [false, 'upstream-unavailable'],
    ]);
    expect(results[0]?.result?.catalog).not.toBeNull();
  });

  it('answers 429 before any upstream call when no model fits the budget', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const { entry } = catalogRequest(`No budget ${marker}`);
    const { response } = await callApp(
      '/api/v1/librarian/compare',
      jsonPost({ entry, models: models.slice(0, 2) }, token),
      { DAILY_TOKEN_BUDGET: '100' },
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).not.toBeNull();
    expect((await upstreamRequests(marker)).count).toBe(0);
  });

  it('refuses one model, repeated models and models the server does not offer', async () => {
    const { token } = await registerDevice();
    const { entry } = catalogRequest('x');
    for (const list of [
      ['openai/gpt-4o-mini'],
      ['openai/gpt-4o-mini', 'openai/gpt-4o-mini'],
      ['openai/gpt-4o-mini', 'not/allowed'],
    ]) {
      const response = await callWorker(
        '/api/v1/librarian/compare',
        jsonPost({ entry, models: list }, token),
      );
      expect(response.status).toBe(400);
      expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('invalid-request');
    }
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('describes every route from the zod schemas, without auth', async () => {
    const response = await callWorker('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/devices',
        '/api/v1/devices/pairing',
        '/api/v1/devices/pair',
        '/api/v1/devices/{id}',
        '/api/v1/librarian/catalog',
        '/api/v1/librarian/compare',
        '/api/v1/models',
        '/api/v1/usage',
      ]),
    );
    expect(Object.keys(document.components.schemas.CatalogRequest?.properties ?? {})).toEqual(
      expect.arrayContaining(['entry', 'related', 'notebook', 'model', 'stream']),
    );
    const refs = JSON.stringify(document).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of refs)
      expect(document.components.schemas).toHaveProperty(ref.split('/').at(-1) ?? '');
  });
});
