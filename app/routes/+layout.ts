import { readLanguageHint } from '$lib/db/preferences';
import { loadDictionary, pickLocale, type Locale } from '$lib/i18n';
import type { LayoutLoad } from './$types';

// A single-page app: everything renders on the device, from IndexedDB, online or not.
export const ssr = false;
export const prerender = false;

/**
 * The language of the first paint, chosen before anything renders from what is known without
 * IndexedDB (`?lang=`, the last choice, the browser), with its dictionary loaded; the other
 * language's dictionary is fetched only if it is ever shown.
 */
export const load: LayoutLoad = async ({ url, untrack }): Promise<{ locale: Locale }> => {
  const locale = pickLocale({
    urlLang: untrack(() => url.searchParams.get('lang')),
    choice: readLanguageHint(),
    browserLanguages: navigator.languages,
  });
  await loadDictionary(locale);
  return { locale };
};
