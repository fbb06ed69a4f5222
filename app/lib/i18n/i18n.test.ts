import { beforeAll, describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { loadDictionary, pickLocale, translate } from './index.ts';
import { zh } from './zh.ts';

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('dictionaries', () => {
  it('have identical keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('have no empty strings', () => {
    for (const [key, value] of [...Object.entries(en), ...Object.entries(zh)]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('keep the contract names of DESIGN.md §7 in English', () => {
    expect([en['nav.write'], en['nav.library'], en['nav.search'], en['nav.settings']]).toEqual([
      'Write',
      'Library',
      'Search',
      'Settings',
    ]);
    expect(en['nav.compare']).toBe('Compare');
    expect(en['memory.related']).toBe('Related memories');
    expect(en['write.label']).toBe('New memory');
    expect(en['write.save']).toBe('Save');
    expect(en['search.label']).toBe('Search memories');
    expect(en['status.label']).toBe('Sync status');
    expect(en['reply.label']).toBe("Librarian's reply");
    expect([en['status.offline'], en['status.saving'], en['status.saved']]).toEqual([
      'Offline',
      'Saving…',
      'Saved',
    ]);
  });
});

describe('translate', () => {
  beforeAll(() => Promise.all([loadDictionary('en'), loadDictionary('zh')]));

  it('fills placeholders and leaves unknown ones', () => {
    expect(translate('en', 'status.waiting', { count: 3 })).toBe('3 waiting');
    expect(translate('zh', 'status.waiting', { count: 3 })).toBe('3 条等待中');
    expect(translate('en', 'search.none')).toBe('No memory mentions “{query}”.');
  });
});

describe('pickLocale', () => {
  it('follows the browser: any zh tag means Chinese', () => {
    expect(pickLocale({ browserLanguages: ['zh-TW', 'en'] })).toBe('zh');
    expect(pickLocale({ browserLanguages: ['zh-Hans-CN'] })).toBe('zh');
    expect(pickLocale({ browserLanguages: ['en-GB', 'zh-CN'] })).toBe('en');
  });

  it('skips languages it does not have and falls back to English', () => {
    expect(pickLocale({ browserLanguages: ['fr-FR', 'zh'] })).toBe('zh');
    expect(pickLocale({ browserLanguages: ['fr-FR'] })).toBe('en');
    expect(pickLocale({})).toBe('en');
  });

  it('prefers the person’s choice to the browser', () => {
    expect(pickLocale({ choice: 'en', browserLanguages: ['zh-CN'] })).toBe('en');
  });

  it('prefers ?lang= to everything and ignores unknown values', () => {
    expect(pickLocale({ urlLang: 'zh', choice: 'en', browserLanguages: ['en'] })).toBe('zh');
    expect(pickLocale({ urlLang: 'fr', choice: 'en', browserLanguages: ['zh'] })).toBe('en');
  });
});
