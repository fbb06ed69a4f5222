import { describe, expect, it } from 'vitest';
import type { CatalogResult, LibrarianCatalog } from '#shared/librarian';
import { createApiClient } from './client.ts';

const card: LibrarianCatalog = {
  title: '外婆',
  summary: '去看外婆。',
  hall: 'family',
  shelf: '外婆',
  emotions: [{ name: '温暖', intensity: 0.7 }],
  people: ['外婆'],
  places: [],
  themes: [],
  keywords: [],
  whyHere: '写的是外婆。',
  related: [],
};

const usage = {
  promptTokens: 100,
  completionTokens: 20,
  totalTokens: 120,
  cachedTokens: 64,
  cacheWriteTokens: 0,
  reasoningTokens: 5,
  costUsd: 0.0001,
};

const result: CatalogResult = {
  entryId: 'e1',
  notebook: [],
  model: 'test/model',
  promptVersion: 'p1',
  reply: '外婆的饺子，真好。',
  catalog: card,
  reasoning: '想一想',
  usage,
};

const event = (name: string, data: unknown, eol = '\n') =>
  `event: ${name}${eol}data: ${JSON.stringify(data)}${eol}${eol}`;

/** A streamed response whose bytes arrive in the given pieces. */
function sse(chunks: string[], status = 200): Response {
  const bytes = new TextEncoder().encode(chunks.join(''));
  // Split the encoded bytes at the same boundaries as the chunks, and also mid-character.
  const pieces: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += 7) pieces.push(bytes.slice(start, start + 7));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/event-stream; charset=utf-8' },
  });
}

function clientFor(response: Response) {
  return createApiClient({ fetch: (async () => response) as typeof fetch });
}

const request = { entry: { id: 'e1', text: '去看外婆', writtenAt: '2025-03-01T21:00:00+08:00' } };

describe('catalogStream', () => {
  it('passes deltas to the handlers in order and resolves with the done result', async () => {
    const seen: string[] = [];
    const answer = await clientFor(
      sse([
        ': keep-alive comment\n\n',
        event('reasoning', { text: '想一' }),
        event('reasoning', { text: '想' }),
        event('reply', { text: '外婆的' }),
        event('reply', { text: '饺子，真好。' }),
        event('catalog', card),
        event('usage', usage),
        event('done', result),
      ]),
    ).catalogStream(request, 'tok', {
      onReply: (text) => seen.push(`reply:${text}`),
      onReasoning: (text) => seen.push(`reasoning:${text}`),
      onCatalog: (value) => seen.push(`catalog:${value.shelf}`),
      onUsage: (value) => seen.push(`usage:${value.totalTokens}`),
    });
    expect(answer).toEqual({ ok: true, data: result });
    expect(seen).toEqual([
      'reasoning:想一',
      'reasoning:想',
      'reply:外婆的',
      'reply:饺子，真好。',
      'catalog:外婆',
      'usage:120',
    ]);
  });

  it('reads CRLF line endings', async () => {
    const replies: string[] = [];
    const answer = await clientFor(
      sse([event('reply', { text: 'hi' }, '\r\n'), event('done', result, '\r\n')]),
    ).catalogStream(request, 'tok', { onReply: (text) => replies.push(text) });
    expect(answer.ok).toBe(true);
    expect(replies).toEqual(['hi']);
  });

  it('returns the error event as a result', async () => {
    const answer = await clientFor(
      sse([
        event('reply', { text: 'par' }),
        event('error', { code: 'upstream-error', message: 'The model stopped.' }),
      ]),
    ).catalogStream(request, 'tok', {});
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'upstream-error', message: 'The model stopped.' },
    });
  });

  it('reports a stream that ends without done', async () => {
    const answer = await clientFor(sse([event('reply', { text: 'cut' })])).catalogStream(
      request,
      'tok',
      {},
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-response' } });
  });

  it('refuses a done event of the wrong shape', async () => {
    const answer = await clientFor(sse([event('done', { reply: 'x' })])).catalogStream(
      request,
      'tok',
      {},
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-response' } });
  });

  it('ignores unknown events and malformed data', async () => {
    const answer = await clientFor(
      sse(['event: ping\ndata: {}\n\n', 'event: reply\ndata: not json\n\n', event('done', result)]),
    ).catalogStream(request, 'tok', {});
    expect(answer.ok).toBe(true);
  });

  it('accepts a plain JSON answer to a streamed request', async () => {
    const replies: string[] = [];
    const answer = await clientFor(Response.json(result)).catalogStream(request, 'tok', {
      onReply: (text) => replies.push(text),
    });
    expect(answer).toEqual({ ok: true, data: result });
    expect(replies).toEqual([result.reply]);
  });

  it('returns an error response before the stream as an error', async () => {
    const answer = await clientFor(
      Response.json(
        { error: { code: 'upstream-unavailable', message: 'No model is answering.' } },
        { status: 503, headers: { 'retry-after': '40' } },
      ),
    ).catalogStream(request, 'tok', {});
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'upstream-unavailable', retryAfterSeconds: 40 },
    });
  });

  it('asks for a stream', async () => {
    let sent: unknown;
    const client = createApiClient({
      fetch: (async (_input: RequestInfo | URL, init?: RequestInit) => {
        sent = JSON.parse(String(init?.body));
        return sse([event('done', result)]);
      }) as typeof fetch,
    });
    await client.catalogStream(request, 'tok', {});
    expect(sent).toMatchObject({ stream: true });
  });
});
