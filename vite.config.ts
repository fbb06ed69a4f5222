import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  resolve: {
    // Dexie's package entry wraps its UMD build (not tree-shakeable, ES5 helpers). The browsers a
    // PWA with IndexedDB v2 targets all run its modern ES module build: a smaller first screen.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  build: {
    // No <link rel=modulepreload> for lazily imported code: appending them (a dozen for sync's
    // engine) took main-thread time in every start-up step after the first screen. What they
    // saved is a few round trips for code loaded in quiet moments, or on the first visit's first
    // trip to another page; the service worker caches the whole app right after. Kit still
    // preloads the first screen's chunks from the HTML.
    modulePreload: false,
    // Everything the first paint imports statically — Kit's client, Svelte, the root layout, the
    // error page Kit loads at start and the Write page, with their dependencies (groups take them
    // along) — goes into one chunk: one request instead of ~30 (each a round trip on a phone
    // network) and better compression. The app's state (Dexie, the stores), which the layout
    // fetches beside the dictionary without waiting for it, is a second. Lazily imported code
    // keeps its own chunks.
    rolldownOptions: {
      // zod only builds schemas: one the client never reads (a request schema beside the response
      // it shares a module with) is dropped instead of being built at every start.
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'first',
              test: /(app[\\/]routes[\\/]\+(layout|page|error)\.(svelte|ts)|generated[\\/]root\.svelte|kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js)$/,
            },
            { name: 'app-state', test: /app[\\/]lib[\\/]state[\\/]app\.svelte\.ts$/ },
          ],
        },
      },
    },
  },
  // `npm run dev`: the API runs in `wrangler dev` beside Vite (scripts/dev.js).
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:8787' } },
});
