import { describe, expect, inject, it } from 'vitest';
import { TimelinePage } from './support/diary-pages.ts';
import { LibrarianPage, LibraryPage, upstreamUserMessages } from './support/notebook-pages.ts';
import { usePhone } from './support/phone.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    upstreamUrl: string;
  }
}

const phone = usePhone();
const REPLY_TIMEOUT = { timeout: 30_000, interval: 250 };

/** A marker the fake ignores, so a test finds its own upstream requests. */
const marker = () => `[[test:${crypto.randomUUID()}]]`;

/** Write a memory and wait until the AI librarian (the fake) has answered it. */
async function writeAndWaitForReply(text: string): Promise<void> {
  await phone.write.write(text);
  await expect
    .poll(() => phone.write.librarianReply.textContent(), REPLY_TIMEOUT)
    .toContain('Thank you for writing down');
}

describe('the librarian’s notebook', () => {
  it('keeps a proposed note once accepted, and sends it with the next request', async () => {
    const url = inject('appUrl');
    const note = `Lin is the user's sister ${crypto.randomUUID().slice(0, 8)}`;
    await phone.write.open(url);
    await writeAndWaitForReply(`Lunch with my sister Lin at the noodle place. [[note:${note}]]`);

    const timeline = new TimelinePage(phone.write.page);
    await timeline.open(url);
    const memory = await timeline.openMemory('Lunch with my sister Lin');
    await expect.poll(() => memory.librarianReply.textContent(), REPLY_TIMEOUT).toContain(note);
    await memory.librarianReply.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => memory.librarianReply.textContent()).not.toContain(note);

    const next = marker();
    await phone.write.open(url);
    await writeAndWaitForReply(`A quiet walk by the river. ${next}`);
    const [sent] = await upstreamUserMessages(inject('upstreamUrl'), next);
    const notebook = /<notebook>\n([\s\S]*?)\n<\/notebook>/.exec(sent ?? '')?.[1] ?? '';
    expect(notebook.split('\n')).toContain(JSON.stringify(note));

    // The librarian page shows it as kept, with its history, and it can be edited.
    const librarian = new LibrarianPage(phone.write.page);
    await librarian.open(url);
    await expect.poll(() => librarian.notebook.textContent()).toContain(note);
    await librarian.notebook.getByRole('button', { name: 'Edit', exact: true }).click();
    await librarian.notebook
      .getByRole('textbox', { name: 'Note' })
      .fill(`${note}, two years younger`);
    await librarian.notebook.getByRole('button', { name: 'Save note' }).click();
    await expect
      .poll(() => librarian.notebook.textContent())
      .toContain(`${note}, two years younger`);
    await librarian.notebook.getByText('History').click();
    await expect
      .poll(() => librarian.notebook.getByRole('button', { name: 'Restore this wording' }).count())
      .toBeGreaterThan(0);
  });

  it('moves a memory to another shelf, and the next request carries the correction', async () => {
    const url = inject('appUrl');
    await phone.write.open(url);
    const first = marker();
    await writeAndWaitForReply(`Noodles at the market today. ${first}`);

    const timeline = new TimelinePage(phone.write.page);
    await timeline.open(url);
    const memory = await timeline.openMemory('Noodles at the market today');
    const page = phone.write.page;
    await page.getByRole('button', { name: 'Move to another shelf' }).click();
    await page.getByLabel('Hall').selectOption('family');
    await page.getByLabel('Shelf', { exact: true }).fill('Lin');
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Moved to' }).textContent())
      .toBe('Moved to Family · Lin as FAM-lin-0001.');
    await expect.poll(() => page.getByText('Formerly EVE-days-').count()).toBe(1);

    const second = marker();
    await phone.write.open(url);
    await writeAndWaitForReply(`Rain all afternoon. ${second}`);
    const line = "Moved 'Noodles at the market today' from Everyday/days to Family/Lin";
    const carrying = await upstreamUserMessages(inject('upstreamUrl'), line);
    expect(carrying.some((message) => message.includes(second))).toBe(true);

    // The person's shelf stands when the AI librarian reads the memory again after an edit.
    await timeline.open(url);
    const again = await timeline.openMemory('Noodles at the market today');
    const edited = marker();
    await again.edit(`Noodles at the market today, with chilli. ${edited}`);
    await expect
      .poll(
        async () => (await upstreamUserMessages(inject('upstreamUrl'), edited)).length,
        REPLY_TIMEOUT,
      )
      .toBe(1);
    await expect
      .poll(() => memory.page.getByText('Shelved here by you').count(), REPLY_TIMEOUT)
      .toBe(1);
    await expect
      .poll(() => memory.page.locator('.call-number').first().textContent())
      .toBe('FAM-lin-0001');
  });

  it('renames and merges shelves, and the librarian page shows corrections and figures', async () => {
    const url = inject('appUrl');
    await phone.write.open(url);
    await writeAndWaitForReply(`Grandma made dumplings with me. ${marker()}`);
    await writeAndWaitForReply(`Dinner with mom tonight. ${marker()}`);
    // The AI's cards, not only its replies, are in before the person reshelves: a shelf renamed
    // under a device guess makes that placement the person's, and the AI's card then keeps it.
    await expect
      .poll(() => phone.write.memory('Dinner with mom').first().textContent(), REPLY_TIMEOUT)
      .toMatch(/FAM-mom-\d{4}/);
    await expect
      .poll(() => phone.write.memory('Grandma made dumplings').first().textContent(), REPLY_TIMEOUT)
      .toMatch(/FAM-grandma-\d{4}/);

    const library = new LibraryPage(phone.write.page);
    await library.open(url);
    await library.shelf('grandma').waitFor();
    await library.rename('grandma', 'Grandma Li');
    await expect
      .poll(() => library.shelf('Grandma Li').textContent())
      .toContain('FAM-grandma-li-0001');
    await library.merge('mom', 'Family · Grandma Li');
    await expect.poll(() => library.shelf('Grandma Li').getByRole('article').count()).toBe(2);
    await expect.poll(() => library.shelf('mom').count()).toBe(0);
    await expect
      .poll(() => library.shelf('Grandma Li').textContent())
      .toContain('FAM-grandma-li-0002');

    const librarian = new LibrarianPage(phone.write.page);
    await librarian.open(url);
    const main = librarian.main;
    await expect.poll(() => main.textContent()).toContain('By this device: 2');
    await expect.poll(() => main.textContent()).toContain('By the AI librarian: 2');
    await expect.poll(() => main.textContent()).toMatch(/Overall\s*\d+% \(\d of 2\)/);
    await expect
      .poll(() => main.textContent())
      .toContain('Renamed the shelf Family · grandma to Family · Grandma Li');
    await expect
      .poll(() => main.textContent())
      .toContain('Merged the shelf Family · mom into Family · Grandma Li');
  });
});
