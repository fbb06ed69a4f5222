import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // The app's source lives in app/ (routes, lib, hooks, service worker); see README.
    files: { src: 'app' },
    // `/` (Write) is a prerendered shell, build/index.html, which Workers Static Assets also serves
    // for every other page (not_found_handling); the fallback page keeps adapter-static's strict
    // check satisfied without overwriting it.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
    // The first screen's few KB of CSS ride in the HTML: no render-blocking stylesheet request.
    inlineStyleThreshold: 16_384,
    // Absolute asset URLs: the same index.html is served at /memory/… and every other page.
    paths: { relative: false },
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
