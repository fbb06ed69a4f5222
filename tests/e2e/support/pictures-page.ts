import type { Locator, Page } from 'playwright-core';

/** The Pictures page (issue 6): emotions over time and the memory graph, by accessible name. */
export class PicturesPage {
  constructor(readonly page: Page) {}

  get emotions(): Locator {
    return this.page.getByRole('region', { name: 'Emotions over time' });
  }
  get graph(): Locator {
    return this.page.getByRole('region', { name: 'Memory graph' });
  }
  get graphSearch(): Locator {
    return this.graph.getByRole('searchbox', { name: 'Search the graph' });
  }
  /** A person, place or theme in the graph, by the start of its name. */
  node(name: string): Locator {
    return this.graph.getByRole('button', { name: new RegExp(`^${name},`) });
  }
  /** The memories of the picked node. */
  nodeMemories(name: string): Locator {
    return this.page.getByRole('region', { name: `Memories that mention ${name}` });
  }

  /** From the Library page, as a person gets there. */
  async openFromLibrary(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/library?lang=en`);
    await this.page.getByRole('link', { name: 'Pictures', exact: true }).click();
    await this.emotions.waitFor();
  }
}
