import { createServer } from 'node:http';
import { build } from 'esbuild';
import { launchChromium } from '../../tests/e2e/support/browser.js';

/**
 * Bundles a benchmark page, serves it on 127.0.0.1 (IndexedDB needs a real origin) and opens it
 * in headless Chromium. Returns the page and a close() that tears everything down.
 */
export async function openBenchPage(entry) {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
    platform: 'browser',
  });
  const script = bundle.outputFiles[0].text;
  const html =
    '<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>';
  const server = createServer((request, response) => {
    if (request.url === '/bench.js')
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  return {
    page,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
