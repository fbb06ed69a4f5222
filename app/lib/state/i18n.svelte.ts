import type { MemoryLibraryDb } from '../db/database.ts';
import { loadLanguageChoice, saveLanguageChoice } from '../db/preferences.ts';
import {
  languageTag,
  loadDictionary,
  pickLocale,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from '../i18n/index.ts';

/**
 * The language of the interface: `?lang=` in the URL, else the choice made in Settings, else the
 * browser's languages (any `zh*` means Chinese), else English. A `?lang=` counts as a choice and
 * is remembered. A language's dictionary is loaded before the interface switches to it.
 */
export class I18nState {
  #db: MemoryLibraryDb;
  #locale = $state<Locale>('en');
  #choice = $state<Locale | undefined>();

  /** `locale`: the language painted first, whose dictionary the root layout has loaded. */
  constructor(db: MemoryLibraryDb, locale: Locale = 'en') {
    this.#db = db;
    this.#locale = locale;
  }

  get locale(): Locale {
    return this.#locale;
  }

  /** The language picked explicitly, or undefined while following the browser. */
  get choice(): Locale | undefined {
    return this.#choice;
  }

  /** BCP 47 tag for `<html lang>` and `Intl`. */
  get tag(): string {
    return languageTag(this.#locale);
  }

  /** Translate; reading it in a template or `$derived` re-runs when the language changes. */
  t = (key: MessageKey, params?: MessageParams): string => translate(this.#locale, key, params);

  async load(url: URL, browserLanguages: readonly string[] = navigator.languages): Promise<void> {
    const urlLang = url.searchParams.get('lang');
    const stored = await loadLanguageChoice(this.#db);
    const locale = pickLocale({ urlLang, choice: stored, browserLanguages });
    await loadDictionary(locale);
    this.#locale = locale;
    this.#choice = urlLang === 'en' || urlLang === 'zh' ? urlLang : stored;
    if (this.#choice !== stored) await saveLanguageChoice(this.#db, this.#choice);
  }

  async choose(
    locale: Locale | undefined,
    browserLanguages: readonly string[] = navigator.languages,
  ): Promise<void> {
    const next = pickLocale({ choice: locale, browserLanguages });
    await loadDictionary(next);
    this.#choice = locale;
    this.#locale = next;
    await saveLanguageChoice(this.#db, locale);
  }

  reset(): void {
    this.#locale = 'en';
    this.#choice = undefined;
  }
}
