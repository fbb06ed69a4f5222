import { describe, expect, it } from 'vitest';
import type { LibrarianOutput } from '#shared/librarian';
import { FEW_SHOT_EXAMPLES } from '../../worker/librarian/few-shot-examples.ts';
import { parseLibrarianAnswer, stripCodeFence } from '../../worker/librarian/parse-answer.ts';
import { ReplyDeltas } from '../../worker/librarian/reply-deltas.ts';

const output: LibrarianOutput = FEW_SHOT_EXAMPLES[0]!.output;
const known = new Set(['m-0412']);

describe('parseLibrarianAnswer', () => {
  it('validates the reply and the catalog card', () => {
    const answer = parseLibrarianAnswer(JSON.stringify(output), '', known);
    expect(answer?.reply).toBe(output.reply);
    const { reply: _reply, notebook: _notebook, ...card } = output;
    expect(answer?.catalog).toEqual(card);
  });

  it('keeps the reply and drops an invalid card', () => {
    expect(parseLibrarianAnswer(JSON.stringify({ ...output, hall: 'kitchen' }), '', known)).toEqual(
      { reply: output.reply, catalog: null, notebook: [] },
    );
    expect(parseLibrarianAnswer('{"reply":"only this"}', '', known)).toEqual({
      reply: 'only this',
      catalog: null,
      notebook: [],
    });
  });

  it('drops related ids that were not among the cards given', () => {
    const invented = {
      ...output,
      related: [...output.related, { id: 'm-invented', why: 'made up' }],
    };
    expect(
      parseLibrarianAnswer(JSON.stringify(invented), '', known)?.catalog?.related.map(
        (link) => link.id,
      ),
    ).toEqual(['m-0412']);
  });

  it('strips Markdown fences', () => {
    expect(stripCodeFence('```json\n{"a":1}\n```')).toBe('{"a":1}');
    expect(stripCodeFence('```\r\n{"a":1}\r\n```\n')).toBe('{"a":1}');
    expect(parseLibrarianAnswer('```json\n{"reply":"hi"}\n```', '', known)?.reply).toBe('hi');
  });

  it('finds the answer in the reasoning when the content is empty', () => {
    expect(parseLibrarianAnswer('', 'Thinking… {"reply":"found"} done.', known)?.reply).toBe(
      'found',
    );
  });

  it('finds a JSON object inside prose around it', () => {
    expect(
      parseLibrarianAnswer('Here you go: {"reply":"hi"} hope it helps', '', known)?.reply,
    ).toBe('hi');
  });

  it('gives null for no usable reply', () => {
    expect(parseLibrarianAnswer('', '', known)).toBeNull();
    expect(parseLibrarianAnswer('{"reply":"   "}', '', known)).toBeNull();
    expect(parseLibrarianAnswer('{"reply":"cut', '', known)).toBeNull();
    expect(parseLibrarianAnswer('[1,2]', '', known)).toBeNull();
  });
});

describe('ReplyDeltas', () => {
  function deltasOf(content: string, step: number): string[] {
    const tracker = new ReplyDeltas();
    const deltas: string[] = [];
    for (let end = 1; end <= content.length; end += step)
      deltas.push(tracker.next(content.slice(0, end)));
    deltas.push(tracker.next(content));
    return deltas.filter(Boolean);
  }

  it.each([1, 3, 17])('streams exactly the reply text, whatever the pieces (step %i)', (step) => {
    const content = JSON.stringify({ reply: 'He said "hi"\n😀 外婆\\', title: 'x' });
    expect(deltasOf(content, step).join('')).toBe('He said "hi"\n😀 外婆\\');
  });

  it('sees through an opening fence', () => {
    expect(deltasOf('```json\n{"reply":"fenced"}\n```', 2).join('')).toBe('fenced');
  });

  it('never splits a surrogate pair', () => {
    const content = JSON.stringify({ reply: 'a😀b' });
    for (const delta of deltasOf(content, 1))
      expect(delta).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });
});
