import { describe, expect, inject, it } from 'vitest';
import { TimelinePage } from './support/diary-pages.ts';
import { usePhone } from './support/phone.ts';

const phone = usePhone();

describe('the on-device librarian', () => {
  it('shelves memories offline, marks the guess, and finds related memories', async () => {
    const url = inject('appUrl');
    await phone.write.open(url);
    await phone.write.waitForServiceWorker();
    await phone.context.setOffline(true);
    await phone.write.page.reload();
    await phone.write.textbox.waitFor();

    const first = '今天和外婆一起做了桂花糕，外婆的手还是那么稳。';
    await phone.write.write(first);
    await expect
      .poll(() => phone.write.librarianReply.textContent())
      .toMatch(/The device's guess[\s\S]*FAM-外婆-\d{4}/);
    await expect
      .poll(() => phone.write.memory(first).first().textContent())
      .toContain("device's guess");

    const second = '外婆又教我做桂花糕，厨房里都是桂花的香味。';
    await phone.write.write(second);
    await expect.poll(() => phone.write.librarianReply.textContent()).toMatch(/FAM-外婆-\d{4}/);

    // The Library shows both on the same shelf, each marked as the device's guess.
    await phone.write.page.getByRole('navigation').getByRole('link', { name: 'Library' }).click();
    const shelf = phone.write.page.getByRole('region', { name: '外婆' });
    await expect.poll(() => shelf.getByRole('article').count()).toBe(2);
    await expect.poll(() => shelf.textContent()).toContain("The device's guess");

    // The memory page lists the related memory and why.
    const timeline = new TimelinePage(phone.write.page);
    await timeline.open(url);
    const memory = await timeline.openMemory('外婆又教我');
    await expect.poll(() => memory.related.textContent()).toContain('外婆一起做了桂花糕');
    await expect.poll(() => memory.related.textContent()).toMatch(/Shared: .*外婆/);

    // Back online, the AI librarian's card replaces the guess; the guess is kept beside it.
    await phone.context.setOffline(false);
    await phone.write.open(url);
    await expect
      .poll(() => phone.write.memory(second).first().textContent(), { timeout: 20_000 })
      .not.toContain("device's guess");
  });

  it('sends compact related cards with a memory, never the related memory itself', async () => {
    const bodies: string[] = [];
    phone.write.page.on('request', (request) => {
      if (request.url().includes('/api/v1/librarian/catalog'))
        bodies.push(request.postData() ?? '');
    });
    await phone.write.open(inject('appUrl'));
    const first =
      'Grandma taught me her dumpling recipe in the kitchen today. She folds each one with three pinches and never measures the flour.';
    await phone.write.write(first);
    await expect
      .poll(() => phone.write.memory(first).first().textContent(), { timeout: 15_000 })
      .not.toMatch(/Waiting for the librarian|device's guess/);

    await phone.write.write('Made Grandma’s dumpling recipe alone in my own kitchen.');
    await expect.poll(() => bodies.length, { timeout: 15_000 }).toBe(2);
    const request = JSON.parse(bodies[1]!) as {
      related: { id: string; callNumber: string; summary: string }[];
    };
    expect(request.related).toHaveLength(1);
    expect(Object.keys(request.related[0]!).sort()).toEqual(['callNumber', 'id', 'summary']);
    expect(request.related[0]!.callNumber).toMatch(/^[A-Z]{3}-.+-\d{4}$/);
    // The card carries the librarian's one-line summary, not the memory's words.
    expect(bodies[1]).not.toContain('never measures the flour');
  });
});
