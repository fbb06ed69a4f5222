import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // The app's source lives in app/ (routes, lib, hooks, service worker); see README.
    files: { src: 'app' },
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    // Registered by workbox-window (app/lib/pwa), so updates are offered, never forced.
    serviceWorker: { register: false },
    version: { pollInterval: 0 },
  },
};

export default config;
