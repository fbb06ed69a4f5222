import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCallNumber, parseCallNumber, shelfSlug } from './call-number.ts';
import { HALLS } from './halls.ts';

describe('call numbers', () => {
  it('reads as hall code, shelf and a four-digit sequence', () => {
    expect(formatCallNumber('family', '外婆', 7)).toBe('FAM-外婆-0007');
    expect(formatCallNumber('study-work', 'Thesis', 12)).toBe('STU-thesis-0012');
  });

  it('folds width, case and punctuation in shelf names so one shelf keeps one slug', () => {
    expect(shelfSlug('ＴＨＥＳＩＳ')).toBe('thesis');
    expect(shelfSlug('  Rainy  walks!! ')).toBe('rainy-walks');
    expect(shelfSlug('外婆 · 桂花糕')).toBe('外婆-桂花糕');
    expect(shelfSlug('!!!')).toBe('misc');
  });

  it('refuses a sequence that is not a positive integer', () => {
    expect(() => formatCallNumber('self', 'x', 0)).toThrow();
    expect(() => formatCallNumber('self', 'x', 1.5)).toThrow();
  });

  it('parses what it formats, for any hall, shelf and sequence', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HALLS.map((hall) => hall.id)),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 99_999 }),
        (hall, shelf, sequence) => {
          const parsed = parseCallNumber(formatCallNumber(hall, shelf, sequence));
          expect(parsed).toEqual({ hall, shelf: shelfSlug(shelf), sequence });
        },
      ),
    );
  });

  it('does not parse something that is not a call number', () => {
    expect(parseCallNumber('XYZ-shelf-0001')).toBeNull();
    expect(parseCallNumber('FAM-0001')).toBeNull();
  });
});
