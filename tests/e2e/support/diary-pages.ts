import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** The Timeline: memories by month and day, virtualised (only rows near the screen exist). */
export class TimelinePage {
  constructor(readonly page: Page) {}

  get rows(): Locator {
    return this.page.locator('[data-timeline-row="memory"]');
  }
  memory(text: string): Locator {
    return this.page.getByRole('article').filter({ hasText: text });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/timeline?lang=en`);
    await this.page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
  }

  /** Open a memory's page from its row. */
  async openMemory(text: string): Promise<MemoryPage> {
    await this.memory(text).first().getByRole('link').first().click();
    const memory = new MemoryPage(this.page);
    await memory.text.waitFor();
    return memory;
  }
}

/** One memory's page: full text, edit, history, Trash, reply and related memories. */
export class MemoryPage {
  constructor(readonly page: Page) {}

  get text(): Locator {
    return this.page.locator('article .prose').first();
  }
  get editButton(): Locator {
    return this.page.getByRole('button', { name: 'Edit', exact: true });
  }
  get editTextbox(): Locator {
    return this.page.getByRole('textbox', { name: 'Memory text' });
  }
  get saveChangesButton(): Locator {
    return this.page.getByRole('button', { name: 'Save changes' });
  }
  get trashButton(): Locator {
    return this.page.getByRole('button', { name: 'Move to Trash' });
  }
  get history(): Locator {
    return this.page.getByRole('region', { name: /History/ });
  }
  get restoreButtons(): Locator {
    return this.page.getByRole('button', { name: 'Restore this version' });
  }
  get librarianReply(): Locator {
    return this.page.getByRole('region', { name: "Librarian's reply" });
  }
  get related(): Locator {
    return this.page.getByRole('region', { name: 'Related memories' });
  }

  async edit(text: string): Promise<void> {
    await this.editButton.click();
    await this.editTextbox.fill(text);
    await this.saveChangesButton.click();
    await this.page.getByText('Changes saved as a new version.').waitFor();
  }
}

/** The Search page (DESIGN.md §7: searchbox "Search memories"). */
export class SearchPage {
  constructor(readonly page: Page) {}

  get searchbox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search memories' });
  }
  get results(): Locator {
    return this.page.getByRole('article');
  }
  get marks(): Locator {
    return this.page.locator('article mark');
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/search?lang=en`);
    await this.searchbox.waitFor();
  }

  async search(query: string): Promise<void> {
    await this.searchbox.fill(query);
    await this.page.getByText(/Found: \d+|No memory mentions/).waitFor();
  }
}

/** Settings: storage, backup (Import and Export, DESIGN.md §7a), install. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  get exportButton(): Locator {
    return this.page.getByRole('button', { name: 'Export', exact: true });
  }
  get importButton(): Locator {
    return this.page.getByRole('button', { name: 'Import', exact: true });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/settings?lang=en`);
    await this.exportButton.waitFor();
  }

  /** Export in a format ('Full backup', 'JSONL', 'Markdown') and return the file's path. */
  async export(format: RegExp): Promise<string> {
    await this.page.getByRole('radio', { name: format }).check();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.exportButton.click(),
    ]);
    const path = await download.path();
    if (!path) throw new Error('download failed');
    return path;
  }

  /** Import a file through the file chooser the Import button opens. */
  async import(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.importButton.click(),
    ]);
    await chooser.setFiles(file);
  }
}

/** The Trash: deleted memories for 30 days, each with Restore. */
export class TrashPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/trash?lang=en`);
    await this.page.getByRole('heading', { name: 'Trash', level: 1 }).waitFor();
  }

  memory(text: string): Locator {
    return this.page.getByRole('article').filter({ hasText: text });
  }

  async restore(text: string): Promise<void> {
    await this.memory(text).getByRole('button', { name: 'Restore' }).click();
    await this.page.getByText('Restored to your memories.').waitFor();
  }
}

const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{
            violations: { id: string; impact: string; nodes: { target: unknown }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)).slice(0, 3),
    }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.targets.join(' ')}`);
}
