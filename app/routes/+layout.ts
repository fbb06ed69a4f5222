import { readLanguageHint } from '$lib/db/preferences';
import { loadDictionary, pickLocale, type Locale } from '$lib/i18n';
import type { AppState } from '$lib/state/app.svelte';
import type { LayoutLoad } from './$types';

// A single-page app: everything renders on the device, from IndexedDB, online or not.
export const ssr = false;
export const prerender = false;

/**
 * The language of the first paint, chosen before anything renders from what is known without
 * IndexedDB (`?lang=`, the last choice, the browser), with its dictionary loaded; the other
 * language's dictionary is fetched only if it is ever shown. The app's state (Dexie, the stores)
 * is fetched alongside but not awaited: the shell paints without it.
 */
export const load: LayoutLoad = async ({
  url,
  untrack,
}): Promise<{ locale: Locale; appState: Promise<typeof AppState> }> => {
  const locale = pickLocale({
    urlLang: untrack(() => url.searchParams.get('lang')),
    choice: readLanguageHint(),
    browserLanguages: navigator.languages,
  });
  const appState = import('$lib/state/app.svelte').then((module) => module.AppState);
  // Handled by the layout, which awaits it; this keeps a failure from being reported twice.
  appState.catch(() => undefined);
  await loadDictionary(locale);
  return { locale, appState };
};
