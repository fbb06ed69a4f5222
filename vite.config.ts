import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // `npm run dev`: the API runs in `wrangler dev` beside Vite (scripts/dev.js).
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:8787' } },
});
