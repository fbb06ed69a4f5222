import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations, SettingsPage } from './support/diary-pages.ts';
import { usePhone } from './support/phone.ts';
import { PicturesPage } from './support/pictures-page.ts';
import { WritePage } from './support/write-page.ts';

const phone = usePhone();

const DUMPLINGS = 'Grandma and I made dumplings in the kitchen today, I was so happy.';
const PARK = 'Grandma walked with me in the park this evening, I was happy all the way.';
const SECRET = 'A secret only for me: I was happy at the station tonight.';

/** Write the three memories and wait for the AI librarian's cards on the two it may read. */
async function writeMemories(url: string): Promise<void> {
  const { write } = phone;
  await write.open(url);
  await write.write(DUMPLINGS);
  await write.write(PARK);
  await write.page.getByText('Date, mood and tags').click();
  await write.page.getByRole('switch', { name: /Private/ }).check();
  await write.write(SECRET);
  for (const text of [DUMPLINGS, PARK]) {
    await expect
      .poll(() => write.memory(text.slice(0, 40)).first().textContent(), { timeout: 20_000 })
      .not.toMatch(/Waiting for the librarian|device's guess/);
  }
}

describe('pictures of the library', () => {
  it('charts emotions with a table, and walks the memory graph to a memory', async () => {
    const url = inject('appUrl');
    await writeMemories(url);
    const pictures = new PicturesPage(phone.write.page);
    await pictures.openFromLibrary(url);

    // The chart's words: a summary and a table a screen reader can read.
    await expect
      .poll(() => pictures.emotions.textContent())
      .toMatch(/3 memories\. Felt most: joy \(3\)/);
    const rows = pictures.emotions.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.nth(1).textContent()).toContain('joy (3)');
    // The chart itself, drawn under the app's Content-Security-Policy.
    await expect.poll(() => pictures.emotions.locator('canvas').count()).toBeGreaterThan(0);
    await pictures.emotions.getByRole('radio', { name: 'Week' }).check();
    await expect.poll(() => rows.nth(1).textContent()).toMatch(/^Week of/);
    // A hall with none of them: the chart says so instead of drawing nothing.
    const hall = pictures.emotions.getByRole('combobox', { name: 'Hall' });
    await hall.selectOption('losses');
    await expect.poll(() => pictures.emotions.textContent()).toContain('No catalogued memories');
    await hall.selectOption('family');
    await expect.poll(() => rows.count()).toBe(2);

    // The graph: Grandma links both memories; search narrows it to the kitchen.
    await expect.poll(() => pictures.node('grandma').count()).toBe(1);
    await expect
      .poll(() => pictures.node('grandma').getAttribute('aria-label'))
      .toContain('2 memories');
    await pictures.graphSearch.fill('kitch');
    await expect.poll(() => pictures.node('grandma').count()).toBe(0);
    await pictures.node('kitchen').click();
    const memories = pictures.nodeMemories('kitchen').getByRole('article');
    await expect.poll(() => memories.count()).toBe(1);
    await memories.getByRole('link').click();
    await phone.write.page.waitForURL(/\/memory\//);
    await expect.poll(() => phone.write.page.getByText(DUMPLINGS).count()).toBeGreaterThan(0);
  });

  it('exports kept replies as fine-tuning JSONL, never a private memory', async () => {
    const url = inject('appUrl');
    await writeMemories(url);
    const settings = new SettingsPage(phone.write.page);
    await settings.open(url);
    const [download] = await Promise.all([
      phone.write.page.waitForEvent('download'),
      phone.write.page.getByRole('button', { name: 'Export fine-tuning JSONL' }).click(),
    ]);
    const path = await download.path();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    const examples = lines.map(
      (line) => JSON.parse(line) as { messages: { role: string; content: string }[] },
    );
    for (const { messages } of examples) {
      expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant']);
      const answer = JSON.parse(messages[2]!.content) as { reply: string; hall: string };
      expect(answer.reply).toContain('Thank you for writing down');
      expect(answer.hall).toBe('family');
    }
    const users = examples.map(({ messages }) => messages[1]!.content).join('\n');
    expect(users).toContain(DUMPLINGS);
    expect(users).toContain(PARK);
    expect(lines.join('\n')).not.toContain('A secret only for me');
    await expect.poll(() => phone.write.page.getByText('Exported 2 examples.').count()).toBe(1);
  });

  it('has no serious or critical accessibility violations, a node picked', async () => {
    // axe-core is injected as a script, which the app's policy rightly refuses.
    const context = await phone.browser.newContext({
      viewport: { width: 375, height: 812 },
      bypassCSP: true,
    });
    try {
      const write = new WritePage(await context.newPage());
      const url = inject('appUrl');
      await write.open(url);
      await write.write(DUMPLINGS);
      await expect
        .poll(() => write.memory(DUMPLINGS.slice(0, 40)).first().textContent(), {
          timeout: 20_000,
        })
        .not.toMatch(/Waiting for the librarian|device's guess/);
      const pictures = new PicturesPage(write.page);
      await pictures.openFromLibrary(url);
      await pictures.node('grandma').click();
      await pictures.nodeMemories('grandma').getByRole('article').first().waitFor();
      expect(await seriousAxeViolations(write.page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
