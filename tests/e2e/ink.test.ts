import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from './support/free-port.js';
import { usePhone } from './support/phone.ts';
import { startServer, type RunningServer } from './support/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    upstreamUrl: string;
  }
}

const phone = usePhone();
let server: RunningServer;

// A server whose daily budget is smaller than one librarian call: the ink is out from the start.
beforeAll(async () => {
  server = await startServer({
    port: await findFreePort(),
    direct: true,
    vars: {
      LLM_BASE_URL: `${inject('upstreamUrl')}/api/v1`,
      OPENROUTER_API_KEY: 'e2e-test-key',
      OPEN_REGISTRATION: 'true',
      DAILY_TOKEN_BUDGET: '2000',
    },
  });
});
afterAll(async () => {
  await server?.stop();
});

describe("the librarian's ink", () => {
  it('runs out: the device librarian shelves alone, the memory waits, and the app says so', async () => {
    const { write } = phone;
    const sent: string[] = [];
    write.page.on('request', (request) => {
      if (request.url().includes('/api/v1/librarian/')) sent.push(request.url());
    });
    await write.open(server.url);
    const text = 'Walked to the market with my sister and bought peaches.';
    await write.write(text);

    await expect
      .poll(() => write.librarianReply.textContent(), { timeout: 15_000 })
      .toMatch(/The ink is used up[\s\S]*wait until/);
    await expect.poll(() => write.librarianReply.textContent()).toContain("The device's guess");
    expect(sent).toEqual([]);

    await write.page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    const ink = write.page.getByRole('region', { name: "The librarian's ink" });
    await expect.poll(() => ink.textContent(), { timeout: 15_000 }).toMatch(/of 2,000 tokens/);
    await expect.poll(() => ink.textContent()).toContain('The ink is used up');
    await expect.poll(() => ink.locator('meter').count()).toBe(2);
  });
});
