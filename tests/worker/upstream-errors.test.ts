import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { readConfig } from '../../worker/env.ts';
import { buildUpstreamBody } from '../../worker/librarian/upstream-request.ts';
import { catalogRequest, postCatalog, registerDevice, settledLedger } from './helpers.ts';
import { env } from 'cloudflare:workers';

/** Upstream status → our status and code; Retry-After where the fake sends one (429, 503). */
const MAPPING: [number, number, string, RegExp | null][] = [
  [400, 502, 'upstream-error', null],
  [401, 503, 'upstream-unavailable', /key/],
  [402, 503, 'upstream-unavailable', /credit/],
  [403, 503, 'upstream-unavailable', /key/],
  [404, 502, 'upstream-error', null],
  [408, 502, 'upstream-error', /too long/],
  [413, 502, 'upstream-error', null],
  [422, 502, 'upstream-error', null],
  [429, 503, 'upstream-unavailable', /busy/],
  [500, 502, 'upstream-error', null],
  [502, 503, 'upstream-unavailable', /busy/],
  [503, 503, 'upstream-unavailable', /busy/],
  [524, 502, 'upstream-error', /too long/],
  [529, 503, 'upstream-unavailable', /busy/],
];

describe('upstream refusals before any stream', () => {
  it.each(MAPPING)(
    'maps upstream %i to %i %s, nothing spent',
    async (upstream, status, code, message) => {
      const { token, libraryId } = await registerDevice();
      const response = await postCatalog(
        token,
        catalogRequest(`hello [[status:${upstream}]]`, { stream: true }),
      );
      expect(response.status).toBe(status);
      const { error } = ErrorBodySchema.parse(await response.json());
      expect(error).toMatchObject({ code, details: { upstreamStatus: upstream } });
      if (message) expect(error.message).toMatch(message);
      const retryAfter = response.headers.get('retry-after');
      expect(retryAfter).toBe(upstream === 429 || upstream === 503 ? '30' : null);
      expect((await settledLedger(libraryId))[0]?.spent_tokens).toBe(0);
    },
  );
});

describe('what each model is sent', () => {
  const base = {
    messages: [
      { role: 'system' as const, content: 'static' },
      { role: 'user' as const, content: 'memory' },
    ],
    maxTokens: 100,
    stream: true,
    sessionId: 's',
    signal: new AbortController().signal,
  };
  const openRouter = readConfig({ ...env, LLM_BASE_URL: 'https://openrouter.ai/api/v1' });

  it('asks OpenRouter for strict json_schema with require_parameters where the model has it', () => {
    const body = buildUpstreamBody({ ...base, config: openRouter, model: 'openai/gpt-4o-mini' });
    expect(body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { strict: true } },
      provider: { require_parameters: true },
      usage: { include: true },
      session_id: 's',
    });
    expect(body.stream_options).toBeUndefined();
  });

  it('leaves response_format out for a model without structured output, so routing cannot fail', () => {
    const body = buildUpstreamBody({
      ...base,
      config: openRouter,
      model: 'deepseek/deepseek-chat-v3.1',
    });
    expect(body.response_format).toBeUndefined();
    expect(body.provider).toBeUndefined();
  });

  it('puts a cache_control breakpoint after the system prompt for Anthropic only', () => {
    const claude = buildUpstreamBody({
      ...base,
      config: openRouter,
      model: 'anthropic/claude-haiku-4.5',
    });
    expect((claude.messages as unknown[])[0]).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'static', cache_control: { type: 'ephemeral' } }],
    });
    expect((claude.messages as unknown[])[1]).toEqual({ role: 'user', content: 'memory' });
    const gpt = buildUpstreamBody({ ...base, config: openRouter, model: 'openai/gpt-4o-mini' });
    expect((gpt.messages as unknown[])[0]).toEqual({ role: 'system', content: 'static' });
  });

  it('sends a local server plain OpenAI fields: json_schema, stream_options, nothing of OpenRouter', () => {
    const local = readConfig({ ...env, LLM_BASE_URL: 'http://127.0.0.1:1234/v1' });
    const body = buildUpstreamBody({ ...base, config: local, model: 'qwen2.5-7b-instruct' });
    expect(body).toMatchObject({
      response_format: { type: 'json_schema' },
      stream_options: { include_usage: true },
    });
    expect(body.provider).toBeUndefined();
    expect(body.usage).toBeUndefined();
  });
});
