import { createContext } from 'svelte';
import type { MessageKey } from '../i18n/index.ts';
import type { AppState } from './app.svelte.ts';

/** Where the root layout puts the app's state once its code (Dexie and all) has loaded. */
export interface AppSlot {
  readonly app: AppState | undefined;
  /** Words in the first screen's language, for what paints before the app's state is there. */
  t(key: MessageKey): string;
  /**
   * What the person typed on the Write page before their saved draft could be read: the page
   * paints before IndexedDB answers, and these words join the draft, never replace it.
   */
  readonly typedEarly: { text: string };
}

const [getSlot, setSlot] = createContext<AppSlot>();

/** Set once by the root layout, before the app's state exists: the first paint does not wait. */
export const setAppSlot = setSlot;

/** For the one page that paints before the app's state is ready (Write). */
export const getAppSlot = getSlot;

/**
 * The app's state, for pages and components. The layout renders them only once it is there, so
 * a missing state is a bug.
 */
export function getApp(): AppState {
  const { app } = getSlot();
  if (!app) throw new Error('getApp() before the app state loaded');
  return app;
}
