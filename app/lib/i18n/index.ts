import { en, type MessageKey } from './en.ts';
import { zh } from './zh.ts';

export type { MessageKey };
export type Locale = 'en' | 'zh';
export const LOCALES: readonly Locale[] = ['en', 'zh'];

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, zh };

export type MessageParams = Record<string, string | number>;

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key];
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
