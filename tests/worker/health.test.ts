import { describe, expect, it } from 'vitest';
import { HealthSchema } from '#shared/health';
import { OPENROUTER_BASE_URL } from '../../worker/env.ts';
import { callApp, callWorker } from './helpers.ts';

describe('GET /api/v1/health', () => {
  it('says the librarian is online when a key is configured', async () => {
    const response = await callWorker('/api/v1/health');
    expect(response.status).toBe(200);
    expect(HealthSchema.parse(await response.json())).toEqual({
      ok: true,
      version: '0.1.0',
      librarian: 'online',
    });
  });

  it('says the librarian is offline with no key and OpenRouter as the upstream', async () => {
    const { response } = await callApp(
      '/api/v1/health',
      {},
      { OPENROUTER_API_KEY: undefined, LLM_BASE_URL: OPENROUTER_BASE_URL },
    );
    expect(await response.json()).toMatchObject({ ok: true, librarian: 'offline' });
  });

  it('counts a local OpenAI-compatible server as online without a key', async () => {
    const { response } = await callApp(
      '/api/v1/health',
      {},
      { OPENROUTER_API_KEY: undefined, LLM_BASE_URL: 'http://127.0.0.1:1234/v1' },
    );
    expect(await response.json()).toMatchObject({ librarian: 'online' });
  });
});
