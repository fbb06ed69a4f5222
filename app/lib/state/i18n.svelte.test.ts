import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type MemoryLibraryDb } from '../db/database.ts';
import { loadLanguageChoice } from '../db/preferences.ts';
import { I18nState } from './i18n.svelte.ts';

let db: MemoryLibraryDb;

beforeEach(() => {
  db = createDatabase(`test-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await db.delete();
});

const url = (search = '') => new URL(`http://app.test/${search}`);

describe('I18nState', () => {
  it('follows the browser until the person chooses', async () => {
    const i18n = new I18nState(db);
    await i18n.load(url(), ['zh-CN', 'en']);
    expect(i18n.locale).toBe('zh');
    expect(i18n.choice).toBeUndefined();
    expect(i18n.t('nav.write')).toBe('写作');
    expect(i18n.tag).toBe('zh-CN');
  });

  it('remembers a choice made in Settings', async () => {
    const i18n = new I18nState(db);
    await i18n.load(url(), ['zh-CN']);
    await i18n.choose('en', ['zh-CN']);
    expect(i18n.t('nav.write')).toBe('Write');

    const next = new I18nState(db);
    await next.load(url(), ['zh-CN']);
    expect(next.locale).toBe('en');
  });

  it('takes ?lang= from the URL and remembers it', async () => {
    const i18n = new I18nState(db);
    await i18n.load(url('?lang=en'), ['zh-CN']);
    expect(i18n.locale).toBe('en');
    expect(await loadLanguageChoice(db)).toBe('en');
  });

  it('ignores an unknown ?lang=', async () => {
    const i18n = new I18nState(db);
    await i18n.load(url('?lang=fr'), ['zh-TW']);
    expect(i18n.locale).toBe('zh');
    expect(await loadLanguageChoice(db)).toBeUndefined();
  });
});
