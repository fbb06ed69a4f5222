import { describe, expect, it } from 'vitest';
import { cjkTerms, documentTerms, foldText, queryUnits } from './tokenize.ts';

const terms = (text: string) => [...documentTerms(text).terms.keys()];

describe('folding', () => {
  it('folds case and full-width letters (NFKC)', () => {
    expect(foldText('ＣＡＦＥ Ｃａｆｅ')).toBe('cafe cafe');
  });

  it('drops zero-width and bidirectional control characters', () => {
    expect(foldText('wo\u200Brd \u202Eevil\u202C')).toBe('word evil');
  });
});

describe('document terms', () => {
  it('splits Latin text into folded words with counts', () => {
    const { terms: counts, length } = documentTerms('Rain, rain. RAIN again!');
    expect(counts.get('rain')).toBe(3);
    expect(counts.get('again')).toBe(1);
    expect(length).toBe(4);
  });

  it('turns a CJK run into bigrams plus its last character', () => {
    expect(cjkTerms('桂花糕')).toEqual(['桂花', '花糕', '糕']);
    expect(cjkTerms('林')).toEqual(['林']);
    expect(terms('今天和外婆')).toEqual(['今天', '天和', '和外', '外婆', '婆']);
  });

  it('handles mixed Chinese and English', () => {
    expect(terms('和Lin去了Costco')).toEqual(['和', 'lin', '去了', '了', 'costco']);
  });

  it('ignores punctuation, emoji and spaces', () => {
    expect(terms('… 🙂 ，。!?')).toEqual([]);
  });

  it('cuts absurdly long words', () => {
    expect(terms('a'.repeat(1000))[0]).toHaveLength(32);
  });
});

describe('query units', () => {
  it('asks for the bigrams of a Chinese word exactly', () => {
    expect(queryUnits('外婆')).toEqual([{ term: '外婆', prefix: false }]);
    expect(queryUnits('桂花糕')).toEqual([
      { term: '桂花', prefix: false },
      { term: '花糕', prefix: false },
    ]);
  });

  it('matches a single Chinese character by prefix', () => {
    expect(queryUnits('林')).toEqual([{ term: '林', prefix: true }]);
  });

  it('treats the last word typed as a prefix, unless a space follows it', () => {
    expect(queryUnits('walked gra')).toEqual([
      { term: 'walked', prefix: false },
      { term: 'gra', prefix: true },
    ]);
    expect(queryUnits('walked grandma ')).toEqual([
      { term: 'walked', prefix: false },
      { term: 'grandma', prefix: false },
    ]);
  });

  it('does not expand a one-letter prefix', () => {
    expect(queryUnits('a')).toEqual([{ term: 'a', prefix: false }]);
  });

  it('folds the query like the documents', () => {
    expect(queryUnits('ＲＡＩＮ ')).toEqual([{ term: 'rain', prefix: false }]);
  });

  it('is empty for blank or punctuation-only queries', () => {
    expect(queryUnits('  ，。 ')).toEqual([]);
  });
});
