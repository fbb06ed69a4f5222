import type { Locator, Page } from 'playwright-core';

/** The librarian page (/librarian): the notebook, what it shelved, how its guesses improve. */
export class LibrarianPage {
  constructor(readonly page: Page) {}

  get notebook(): Locator {
    return this.page.getByRole('region', { name: "The librarian's notebook" });
  }
  get main(): Locator {
    return this.page.getByRole('main');
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/library?lang=en`);
    await this.page.getByRole('link', { name: 'The librarian' }).click();
    await this.notebook.waitFor();
  }
}

/** The Library page's shelves, each a region named by the shelf. */
export class LibraryPage {
  constructor(readonly page: Page) {}

  shelf(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/library?lang=en`);
    await this.page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
  }

  async rename(shelf: string, name: string): Promise<void> {
    await this.shelf(shelf).getByRole('button', { name: 'Rename shelf' }).click();
    await this.shelf(shelf).getByLabel('New name').fill(name);
    await this.shelf(shelf).getByRole('button', { name: 'Rename', exact: true }).click();
  }

  async merge(shelf: string, into: string): Promise<void> {
    await this.shelf(shelf).getByRole('button', { name: 'Merge into…' }).click();
    await this.shelf(shelf).getByLabel('Target shelf').selectOption({ label: into });
    await this.shelf(shelf).getByRole('button', { name: 'Merge', exact: true }).click();
  }
}

/** What the fake upstream recorded (tests/fakes/openrouter-fake.js). */
export async function upstreamUserMessages(
  upstreamUrl: string,
  contains: string,
): Promise<string[]> {
  const response = await fetch(
    `${upstreamUrl}/__fake/requests?contains=${encodeURIComponent(contains)}`,
  );
  const log = (await response.json()) as {
    requests: { body: { messages: { role: string; content: string }[] } }[];
  };
  return log.requests.map(
    (request) =>
      request.body.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '',
  );
}
