import type { MessageKey } from './en.ts';

export type { MessageKey };
export type Locale = 'en' | 'zh';
export const LOCALES: readonly Locale[] = ['en', 'zh'];

export type MessageParams = Record<string, string | number>;
export type Dictionary = Record<MessageKey, string>;

/**
 * Each dictionary is a chunk of its own, fetched the first time its language is shown: the first
 * screen carries one language, not two. The root layout loads the starting one before it renders.
 */
const loaders: Record<Locale, () => Promise<Dictionary>> = {
  en: () => import('./en.ts').then((module) => module.en),
  zh: () => import('./zh.ts').then((module) => module.zh),
};
const loaded: Partial<Record<Locale, Dictionary>> = {};

/** Fetch `locale`'s dictionary unless it is here already; call before showing that language. */
export async function loadDictionary(locale: Locale): Promise<void> {
  loaded[locale] ??= await loaders[locale]();
}

/** True when `key` names a message (both dictionaries have the same keys: i18n.test.ts). */
export function isMessageKey(locale: Locale, key: string): key is MessageKey {
  return Object.hasOwn(loaded[locale] ?? {}, key);
}

/**
 * The message for `key` in `locale`, with `{name}` placeholders filled from `params`. The key
 * itself if the dictionary was not loaded (a bug: loadDictionary comes first).
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = loaded[locale]?.[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh';
}

/**
 * Which language to show: `?lang=` in the URL, else the person's choice in Settings, else the
 * first browser language we have (any `zh*` is Chinese), else English.
 */
export function pickLocale(input: {
  urlLang?: string | null;
  choice?: Locale | undefined;
  browserLanguages?: readonly string[];
}): Locale {
  if (isLocale(input.urlLang)) return input.urlLang;
  if (input.choice) return input.choice;
  for (const tag of input.browserLanguages ?? []) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

/** The BCP 47 tag for `<html lang>` and `Intl` formatting. */
export function languageTag(locale: Locale): string {
  return locale === 'zh' ? 'zh-CN' : 'en';
}
