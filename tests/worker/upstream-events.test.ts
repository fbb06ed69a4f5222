import { describe, expect, it } from 'vitest';
import zhBasic from '../fixtures/openrouter/stream-zh-basic.sse?raw';
import reasoningStream from '../fixtures/openrouter/stream-reasoning.sse?raw';
import midstreamError from '../fixtures/openrouter/stream-error-midstream.sse?raw';
import usageEmptyChoices from '../fixtures/openrouter/stream-usage-empty-choices.sse?raw';
import {
  chunkEvents,
  readSseEvents,
  type UpstreamEvent,
} from '../../worker/librarian/upstream-events.ts';

function streamOf(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

async function eventsOf(pieces: Uint8Array[]): Promise<UpstreamEvent[]> {
  const events: UpstreamEvent[] = [];
  for await (const event of readSseEvents(streamOf(pieces))) events.push(event);
  return events;
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readSseEvents', () => {
  it.each([
    ['stream-zh-basic', zhBasic],
    ['stream-reasoning', reasoningStream],
    ['stream-error-midstream', midstreamError],
    ['stream-usage-empty-choices', usageEmptyChoices],
  ])(
    'gives the same events for %s split at every byte offset, and with CRLF',
    async (_name, fixture) => {
      const whole = bytes(fixture);
      const expected = await eventsOf([whole]);
      expect(expected.length).toBeGreaterThan(1);
      for (let offset = 1; offset < whole.length; offset += 1) {
        expect(await eventsOf([whole.slice(0, offset), whole.slice(offset)])).toEqual(expected);
      }
      expect(await eventsOf([bytes(fixture.replace(/\n/g, '\r\n'))])).toEqual(expected);
      expect(await eventsOf(Array.from(whole, (byte) => Uint8Array.of(byte)))).toEqual(expected);
    },
  );

  it('normalizes stream-zh-basic: content deltas, finish, then usage', async () => {
    const events = await eventsOf([bytes(zhBasic)]);
    expect(
      events
        .filter((event) => event.type === 'content')
        .map((event) => (event as { text: string }).text)
        .join(''),
    ).toBe('{"reply":"外婆的桂花糕，我替你放在了「家」的书架上。"}');
    expect(events.slice(-2).map((event) => event.type)).toEqual(['finish', 'usage']);
  });

  it('reads reasoning once even when reasoning_details repeats it', async () => {
    const reasoning = (await eventsOf([bytes(reasoningStream)])).filter(
      (event) => event.type === 'reasoning',
    );
    expect(reasoning).toEqual([
      { type: 'reasoning', text: '用户在写外婆，' },
      { type: 'reasoning', text: '情绪是怀念。' },
    ]);
  });

  it('stops at [DONE] and ignores what follows', async () => {
    const events = await eventsOf([
      bytes(
        'data: {"choices":[{"delta":{"content":"a"}}]}\n\ndata: [DONE]\n\ndata: {"choices":[{"delta":{"content":"b"}}]}\n\n',
      ),
    ]);
    expect(events).toEqual([{ type: 'content', text: 'a' }]);
  });

  it('turns a malformed data line into an error event', async () => {
    expect(await eventsOf([bytes('data: {not json\n\n')])).toEqual([
      { type: 'error', code: 'malformed', message: expect.any(String) },
    ]);
  });
});

describe('chunkEvents', () => {
  it('takes reasoning_details text when reasoning is absent', () => {
    expect(
      chunkEvents({
        choices: [{ delta: { reasoning_details: [{ type: 'reasoning.text', text: 'hm' }] } }],
      }),
    ).toEqual([{ type: 'reasoning', text: 'hm' }]);
  });

  it('reports a numeric error code as text', () => {
    expect(chunkEvents({ error: { code: 502, message: 'gone' }, choices: [] })).toEqual([
      { type: 'error', code: '502', message: 'gone' },
    ]);
  });

  it('puts usage before an error of the same chunk, so a failed call settles at its real cost', () => {
    const events = chunkEvents({
      error: { code: 'server_error', message: 'gone' },
      choices: [],
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
    });
    expect(events.map((event) => event.type)).toEqual(['usage', 'error']);
  });

  it('reports finish_reason error without a top-level error', () => {
    expect(chunkEvents({ choices: [{ delta: { content: '' }, finish_reason: 'error' }] })).toEqual([
      { type: 'error', code: 'finish-error', message: expect.any(String) },
    ]);
  });

  it('passes unknown finish reasons through and accepts all-zero usage', () => {
    expect(
      chunkEvents({
        choices: [{ delta: {}, finish_reason: 'something_new' }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      }),
    ).toEqual([
      { type: 'finish', reason: 'something_new' },
      {
        type: 'usage',
        usage: {
          promptTokens: 0,
          completionTokens: 0,
          totalTokens: 0,
          cachedTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
          costUsd: null,
        },
      },
    ]);
  });

  it('reads a whole non-streamed completion through the same path', () => {
    expect(
      chunkEvents({
        choices: [
          { message: { content: '', reasoning: 'thinking {"reply":"x"}' }, finish_reason: 'stop' },
        ],
      }),
    ).toEqual([
      { type: 'reasoning', text: 'thinking {"reply":"x"}' },
      { type: 'finish', reason: 'stop' },
    ]);
  });
});
