import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  resolve: {
    // Dexie's package entry wraps its UMD build (not tree-shakeable, ES5 helpers). The browsers a
    // PWA with IndexedDB v2 targets all run its modern ES module build: a smaller first screen.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  // `npm run dev`: the API runs in `wrangler dev` beside Vite (scripts/dev.js).
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:8787' } },
});
