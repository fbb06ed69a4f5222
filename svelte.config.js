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
    // Kit hashes its own inline start-up script into a <meta> policy; static/_headers adds what a
    // meta policy cannot carry (frame-ancestors). Model text is never HTML, so no inline scripts.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['none'],
        'form-action': ['self'],
      },
    },
  },
};

export default config;
