import { describe, expect, it } from 'vitest';
import { matchRanges, snippet } from './snippet.ts';

const marked = (text: string, query: string) =>
  snippet(text, query)
    .filter((part) => part.hit)
    .map((part) => part.text);

describe('snippets', () => {
  it('marks Chinese and English matches in the original text', () => {
    expect(marked('今天和外婆一起做了桂花糕', '外婆')).toEqual(['外婆']);
    expect(marked('Walked with Grandma to the park', 'grandma')).toEqual(['Grandma']);
  });

  it('marks full-width text that matched a half-width query', () => {
    expect(marked('ＲＡＩＮ again', 'rain')).toEqual(['ＲＡＩＮ']);
  });

  it('marks across a zero-width character', () => {
    expect(marked('a wo\u200Brd here', 'word')).toEqual(['wo\u200Brd']);
  });

  it('starts near the first match in a long text, with an ellipsis', () => {
    const text = `${'x'.repeat(500)} needle ${'y'.repeat(500)}`;
    const parts = snippet(text, 'needle');
    expect(parts[0]).toEqual({ text: '…', hit: false });
    expect(parts.some((part) => part.hit && part.text === 'needle')).toBe(true);
    expect(parts.map((part) => part.text).join('').length).toBeLessThan(160);
  });

  it('merges overlapping matches', () => {
    expect(matchRanges('桂花糕', '桂花糕')).toEqual([[0, 3]]);
  });

  it('shows the beginning when nothing matches', () => {
    expect(snippet('plain text', 'zzz')).toEqual([{ text: 'plain text', hit: false }]);
  });
});
