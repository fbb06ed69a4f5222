import { createContext } from 'svelte';
import type { AppState } from './app.svelte.ts';

/** The app's state, created once by the root layout and read by pages and components. */
export const [getApp, setApp] = createContext<AppState>();
