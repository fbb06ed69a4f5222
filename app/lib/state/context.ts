import { createContext } from 'svelte';
import type { AppState } from './app.svelte.ts';

/** Where the root layout puts the app's state once its code (Dexie and all) has loaded. */
export interface AppSlot {
  readonly app: AppState | undefined;
}

const [getSlot, setSlot] = createContext<AppSlot>();

/** Set once by the root layout, before the app's state exists: the first paint does not wait. */
export const setAppSlot = setSlot;

/**
 * The app's state, for pages and components. The layout renders them only once it is there, so
 * a missing state is a bug.
 */
export function getApp(): AppState {
  const { app } = getSlot();
  if (!app) throw new Error('getApp() before the app state loaded');
  return app;
}
