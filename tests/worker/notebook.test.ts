import { describe, expect, it } from 'vitest';
import {
  CatalogBatchResultSchema,
  CatalogResultSchema,
  type CatalogResult,
} from '#shared/librarian';
import { parseBatchAnswer } from '../../worker/librarian/parse-batch.ts';
import { parseLibrarianAnswer } from '../../worker/librarian/parse-answer.ts';
import { SYSTEM_PROMPT } from '../../worker/librarian/system-prompt.ts';
import {
  catalogRequest,
  eventsNamed,
  postCatalog,
  readSse,
  registerDevice,
  sentUpstream,
  uniqueMarker,
  upstreamRequests,
} from './helpers.ts';

const card = {
  title: 'Lunch',
  summary: 'Lunch with Lin.',
  hall: 'family',
  shelf: 'Lin',
  emotions: [],
  people: ['Lin'],
  places: [],
  themes: [],
  keywords: [],
  whyHere: 'About Lin.',
  related: [],
};

describe('notebook proposals in the librarian’s answer', () => {
  it('keeps the valid proposals, at most three, and never lets a bad one cost the card', () => {
    const notebook = [
      { text: 'Lin is the user’s sister.', why: 'She says "my sister Lin".' },
      { text: '' },
      { text: 'x'.repeat(201) },
      'not an object',
      { text: 'Prefers short replies.' },
      { text: 'Works night shifts.' },
      { text: 'A fourth good note.' },
    ];
    const answer = parseLibrarianAnswer(
      JSON.stringify({ reply: 'Thank you.', ...card, notebook }),
      '',
      new Set(),
    );
    expect(answer?.catalog).toMatchObject({ hall: 'family', shelf: 'Lin' });
    expect(answer?.notebook).toEqual([
      { text: 'Lin is the user’s sister.', why: 'She says "my sister Lin".' },
      { text: 'Prefers short replies.' },
      { text: 'Works night shifts.' },
    ]);
  });

  it('reads a missing or malformed notebook as no proposals, in one answer and in a batch', () => {
    const single = parseLibrarianAnswer(JSON.stringify({ reply: 'Hi.', ...card }), '', new Set());
    expect(single?.notebook).toEqual([]);
    const batch = parseBatchAnswer(
      JSON.stringify({
        results: [
          { id: 'a', reply: 'Hi.', ...card, notebook: 'Lin is a sister' },
          { id: 'b', reply: 'Hi.', ...card, notebook: [{ text: 'Likes tea.' }] },
        ],
      }),
      '',
      new Set(),
    );
    expect(batch.get('a')?.notebook).toEqual([]);
    expect(batch.get('b')?.notebook).toEqual([{ text: 'Likes tea.' }]);
  });
});

describe('the catalog route relays proposed notes', () => {
  it('answers JSON with the proposal the model made', async () => {
    const { token } = await registerDevice();
    const response = await postCatalog(
      token,
      catalogRequest(
        `Lunch with my sister Lin. [[note:Lin is the user's sister]] ${uniqueMarker()}`,
      ),
    );
    expect(response.status).toBe(200);
    const result = CatalogResultSchema.parse(await response.json());
    expect(result.notebook).toEqual([
      { text: "Lin is the user's sister", why: 'The memory says so.' },
    ]);
  });

  it('streams the proposals with the catalog event and in done', async () => {
    const { token } = await registerDevice();
    const response = await postCatalog(
      token,
      catalogRequest(`Tea with Sam again. [[note:Sam drinks green tea]]`, { stream: true }),
    );
    const events = await readSse(response);
    const [catalog] = eventsNamed<{ notebook: unknown; hall: string }>(events, 'catalog');
    expect(catalog?.notebook).toEqual([
      { text: 'Sam drinks green tea', why: 'The memory says so.' },
    ]);
    const [done] = eventsNamed<CatalogResult>(events, 'done');
    expect(CatalogResultSchema.parse(done).notebook).toEqual(catalog?.notebook);
  });

  it('gives each memory of a batch its own proposals', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const response = await postCatalog(token, {
      entries: [
        {
          id: 'n-0',
          text: `Grandma baked bread. [[note:Grandma bakes on Sundays]] ${marker}`,
          writtenAt: '2026-11-29T09:30:00+08:00',
        },
        {
          id: 'n-1',
          text: `Ran 5 km this morning. ${marker}`,
          writtenAt: '2026-11-29T10:30:00+08:00',
        },
      ],
    } as unknown as Parameters<typeof postCatalog>[1]);
    const batch = CatalogBatchResultSchema.parse(await response.json());
    const notes = batch.results.map((item) => (item.ok ? item.result.notebook : null));
    expect(notes).toEqual([[{ text: 'Grandma bakes on Sundays', why: 'The memory says so.' }], []]);
  });
});

describe('corrections in the request', () => {
  it('sends them after the notebook, before the cards, and never in the system prompt', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const line = `Moved 'Lunch with Lin' from Everyday/meals to Family/Lin (sister) ${crypto.randomUUID()}`;
    const response = await postCatalog(
      token,
      catalogRequest(`Dinner with Lin. ${marker}`, {
        notebook: ['Lin is the user’s sister.'],
        corrections: [line],
      }),
    );
    expect(response.status).toBe(200);
    const sent = await sentUpstream(marker);
    const [system, user] = sent.body.messages;
    expect(system?.content).toBe(SYSTEM_PROMPT);
    expect(system?.content).not.toContain(line);
    const message = user?.content ?? '';
    const at = (text: string) => message.indexOf(text);
    expect(at('<notebook>')).toBeLessThan(at('<corrections>'));
    expect(at('<corrections>')).toBeLessThan(at(JSON.stringify(line)));
    expect(at(JSON.stringify(line))).toBeLessThan(at('<related_cards>'));
    // The fake finds a correction line as the app wrote it, quotes and all.
    expect((await upstreamRequests(line)).count).toBe(1);
  });

  it('refuses more than 20 lines, or a line over 200 characters', async () => {
    const { token } = await registerDevice();
    for (const corrections of [
      Array.from({ length: 21 }, (_, index) => `Moved ${index}`),
      ['x'.repeat(201)],
    ]) {
      const response = await postCatalog(token, catalogRequest('Hello.', { corrections }));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid-request' } });
    }
  });
});
