import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibrarianOutputSchema } from '#shared/librarian';
import { deterministicAnswer, parseCatalogPrompt } from './fake-reply.js';
import { startFakeUpstream, type FakeUpstream } from './openrouter-fake.js';

const FIXTURES = new URL('../fixtures/openrouter/', import.meta.url);
let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(() => fake.close());

function chat(
  userText: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return fetch(`${fake.url}/api/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      model: 'test/model',
      messages: [
        { role: 'system', content: 'You are a librarian.' },
        { role: 'user', content: userText },
      ],
      ...extra,
    }),
  });
}

/** The user message as the Worker writes it (worker/librarian/user-message.ts). */
function catalogPrompt(
  text: string,
  related: { id: string; callNumber: string; summary: string }[] = [],
) {
  const cards = related.length ? related.map((card) => JSON.stringify(card)).join('\n') : '(none)';
  return `<notebook>\n(none)\n</notebook>\n\n<related_cards>\n${cards}\n</related_cards>\n\n<memory>\n${JSON.stringify({ id: 'm-1', writtenAt: '2026-11-29T10:00:00Z', lang: 'unknown', text })}\n</memory>`;
}

interface Chunk {
  choices: { delta?: { content?: string } }[];
  usage?: Record<string, unknown>;
}

function sseData(text: string): Chunk[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((frame) => frame.startsWith('data: ') && !frame.startsWith('data: [DONE]'))
    .map((frame) => JSON.parse(frame.slice(6)) as Chunk);
}

describe('fixture replay', () => {
  it('replays every fixture byte for byte with its status and content type', async () => {
    const names = (await readdir(FIXTURES)).filter((name) => /\.(sse|json)$/.test(name));
    expect(names).toHaveLength(8);
    for (const name of names) {
      const response = await chat(`[[fixture:${name}]]`, { stream: name.endsWith('.sse') });
      const expected = await readFile(new URL(name, FIXTURES));
      expect(Buffer.from(await response.arrayBuffer()).equals(expected), name).toBe(true);
      expect(response.headers.get('content-type')).toBe(
        name.endsWith('.sse') ? 'text/event-stream' : 'application/json',
      );
      expect(response.status).toBe(
        name === 'error-402.json' ? 402 : name === 'error-429-capacity.json' ? 429 : 200,
      );
    }
  });

  it('sends Retry-After: 40 with the capacity error', async () => {
    expect((await chat('[[fixture:error-429-capacity.json]]')).headers.get('retry-after')).toBe(
      '40',
    );
  });

  it('keeps the bytes when writing in small pieces, and converts to CRLF on request', async () => {
    const expected = await readFile(new URL('stream-zh-basic.sse', FIXTURES), 'utf8');
    expect(await (await chat('[[fixture:stream-zh-basic.sse]][[chunk:1]]')).text()).toBe(expected);
    expect(await (await chat('[[fixture:stream-zh-basic.sse]][[chunk:7]][[crlf]]')).text()).toBe(
      expected.replace(/\n/g, '\r\n'),
    );
  });

  it('answers a pre-stream error for [[status:CODE]] and 404 for an unknown fixture', async () => {
    const response = await chat('[[status:418]]', { stream: true });
    expect(response.status).toBe(418);
    expect(await response.json()).toEqual({ error: { code: 418, message: expect.any(String) } });
    expect((await chat('[[fixture:nope.sse]]')).status).toBe(404);
  });
});

describe('deterministic replies', () => {
  const memories = [
    ['今天在超市看到桂花糕，想起外婆。', 'family'],
    ['Submitted the thesis draft with Lin at the library.', 'study-work'],
    ['明天考试，好紧张。', 'study-work'],
    ['Nothing much happened today.', 'everyday'],
    ['Mixed 语言 today: 我和 friend 去了 park。', 'friends'],
  ] as const;

  it.each(memories)('answers %j validly in both modes (hall %s)', async (text, hall) => {
    const related = [{ id: 'm-0412', callNumber: 'FAM-外婆-0003', summary: '摘桂花。' }];
    const plain = await (await chat(catalogPrompt(text, related))).json();
    const answer = LibrarianOutputSchema.parse(JSON.parse(plain.choices[0].message.content));
    expect(answer.hall).toBe(hall);
    expect(answer.related).toEqual([{ id: 'm-0412', why: expect.any(String) }]);
    const streamed = await chat(catalogPrompt(text, related), { stream: true });
    expect(streamed.headers.get('content-type')).toBe('text/event-stream');
    const body = await streamed.text();
    const chunks = sseData(body);
    expect(body.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    const content = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(JSON.parse(content)).toEqual(answer);
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta?.content).length).toBeGreaterThan(3);
    expect(chunks.at(-1)?.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
      cost: expect.any(Number),
    });
  });

  it('quotes the memory in its own language', async () => {
    expect(
      deterministicAnswer({ memory: { text: '今天在超市看到桂花糕，想起外婆。' } }).reply,
    ).toContain('「今天在超市看到桂花糕」');
    expect(deterministicAnswer({ memory: { text: 'Walked home in the rain.' } }).reply).toContain(
      '"Walked home in the rain"',
    );
  });

  it('always produces schema-valid output, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 400, unit: 'grapheme' }), (text) => {
        fc.pre(text.trim().length > 0);
        LibrarianOutputSchema.parse(deterministicAnswer(parseCatalogPrompt(catalogPrompt(text))));
      }),
      { numRuns: 300 },
    );
  });

  it('reports the repeated system prompt as cached, like a provider cache', async () => {
    const system = `A system prompt only this test uses ${Math.random()}`;
    const ask = () =>
      fetch(`${fake.url}/api/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: 'hi' },
          ],
        }),
      }).then((response) => response.json());
    expect((await ask()).usage.prompt_tokens_details.cached_tokens).toBe(0);
    expect((await ask()).usage.prompt_tokens_details.cached_tokens).toBeGreaterThan(0);
  });

  it('speaks like LM Studio with [[local]]: no comments, no cost, usage only when asked', async () => {
    const body = await (
      await chat(`${catalogPrompt('hello')} [[local]]`, {
        stream: true,
        stream_options: { include_usage: true },
      })
    ).text();
    expect(body).not.toContain(': OPENROUTER');
    const usage = sseData(body).find((chunk) => chunk.usage);
    expect(usage?.choices).toEqual([]);
    expect(usage?.usage).toEqual({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
      total_tokens: expect.any(Number),
    });
    const without = await (
      await chat(`${catalogPrompt('hello')} [[local]]`, { stream: true })
    ).text();
    expect(sseData(without).some((chunk) => chunk.usage)).toBe(false);
  });

  it('cuts the reply for [[length]] and fences it for [[fence]]', async () => {
    const cut = await (await chat(`${catalogPrompt('hello')} [[length]]`)).json();
    expect(cut.choices[0].finish_reason).toBe('length');
    expect(() => JSON.parse(cut.choices[0].message.content)).toThrow();
    const fenced = await (await chat(`${catalogPrompt('hello')} [[fence]]`)).json();
    expect(fenced.choices[0].message.content).toMatch(/^```json\n\{[\s\S]*\}\n```$/);
  });

  it('proposes a notebook note for [[note:TEXT]] in the memory, not in a related card', async () => {
    const related = [{ id: 'm-0', callNumber: 'FAM-lin-0001', summary: '[[note:Old note]]' }];
    const answer = await (
      await chat(catalogPrompt('Lunch with Lin. [[note:Lin is my sister]]', related))
    ).json();
    const output = LibrarianOutputSchema.parse(JSON.parse(answer.choices[0].message.content));
    expect(output.notebook).toEqual([{ text: 'Lin is my sister', why: 'The memory says so.' }]);
  });
});

describe('request log', () => {
  it('records requests without the Authorization value and filters by text', async () => {
    const marker = `marker-${Math.random()}`;
    await chat(`hello ${marker}`, {}, { authorization: 'Bearer sk-secret' });
    const log = await (
      await fetch(`${fake.url}/__fake/requests?contains=${encodeURIComponent(marker)}`)
    ).json();
    expect(log.count).toBe(1);
    expect(log.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/chat/completions',
      hasAuthorization: true,
    });
    expect(JSON.stringify(log)).not.toContain('sk-secret');
    expect(fake.requests.some((request) => request.raw.includes(marker))).toBe(true);
  });

  it('finds a correction line as written, though JSON escaped its quotes', async () => {
    const line = `Moved "Tea" from Everyday/tea to Friends/Sam ${Math.random()}`;
    const prompt = catalogPrompt('hello').replace(
      '<related_cards>',
      `<corrections>\n${JSON.stringify(line)}\n</corrections>\n\n<related_cards>`,
    );
    await chat(prompt);
    const log = await (
      await fetch(`${fake.url}/__fake/requests?contains=${encodeURIComponent(line)}`)
    ).json();
    expect(log.count).toBe(1);
  });
});

describe('standalone', () => {
  it('runs with `node tests/fakes/openrouter-fake.js --port N`', async () => {
    const script = fileURLToPath(new URL('./openrouter-fake.js', import.meta.url));
    const child = spawn(process.execPath, [script, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((resolve) =>
        child.stdout.once('data', (data: Buffer) => resolve(data.toString())),
      );
      const url = /on (http:\/\/\S+)/.exec(line)?.[1];
      const response = await fetch(`${url}/api/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(
        LibrarianOutputSchema.parse(JSON.parse((await response.json()).choices[0].message.content))
          .hall,
      ).toBe('everyday');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
