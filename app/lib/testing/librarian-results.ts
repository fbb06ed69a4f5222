// Builders for the librarian's answers in unit tests (never imported by the app): each test
// states only what it is about and takes the rest from here.
import type { CatalogResult, LibrarianCatalog, Usage } from '#shared/librarian';

/** A catalog card: an everyday memory on a shelf of small things, with `overrides`. */
export function testCard(overrides: Partial<LibrarianCatalog> = {}): LibrarianCatalog {
  return {
    title: 'A title',
    summary: 'A summary.',
    hall: 'everyday',
    shelf: 'small things',
    emotions: [],
    people: [],
    places: [],
    themes: [],
    keywords: [],
    whyHere: 'Because.',
    related: [],
    ...overrides,
  };
}

/** Token counts of a tiny call, with `overrides`. */
export function testUsage(overrides: Partial<Usage> = {}): Usage {
  return {
    promptTokens: 1,
    completionTokens: 1,
    totalTokens: 2,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costUsd: null,
    ...overrides,
  };
}

/** The librarian's answer for `entryId`: a short reply, no card unless given, tiny usage. */
export function testResult(entryId: string, overrides: Partial<CatalogResult> = {}): CatalogResult {
  return {
    entryId,
    model: 'test/model',
    promptVersion: 'p1',
    reply: 'Thank you.',
    catalog: null,
    reasoning: null,
    usage: testUsage(),
    ...overrides,
  };
}
