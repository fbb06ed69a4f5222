import { describe, expect, it } from 'vitest';
import { HALLS } from './halls.ts';
import {
  CatalogRequestSchema,
  LibrarianCatalogSchema,
  LibrarianOutputSchema,
  UsageSchema,
} from './librarian.ts';

const entry = { id: 'e1', text: '今天想起外婆。', writtenAt: '2026-11-29T08:00:00+08:00' };

const card = {
  title: '外婆的桂花糕',
  summary: '和外婆一起做桂花糕。',
  hall: 'family',
  shelf: '外婆',
  emotions: [{ name: 'nostalgia', intensity: 0.8 }],
  people: ['外婆'],
  places: [],
  themes: ['cooking'],
  keywords: ['桂花糕'],
  whyHere: 'A memory of grandmother, so it sits with the other grandmother memories.',
  related: [],
};

describe('the catalog request', () => {
  it('accepts an entry and fills defaults', () => {
    const parsed = CatalogRequestSchema.parse({ entry });
    expect(parsed).toMatchObject({ related: [], notebook: [], stream: false });
  });

  it('refuses empty or whitespace-only memories', () => {
    expect(CatalogRequestSchema.safeParse({ entry: { ...entry, text: ' \n\t ' } }).success).toBe(
      false,
    );
  });

  it('refuses unknown fields, so typos are caught rather than ignored', () => {
    expect(CatalogRequestSchema.safeParse({ entry, stram: true }).success).toBe(false);
    expect(CatalogRequestSchema.safeParse({ entry: { ...entry, mood: 'x' } }).success).toBe(false);
  });

  it('needs a time with an offset, because people write in their own time zone', () => {
    expect(
      CatalogRequestSchema.safeParse({ entry: { ...entry, writtenAt: '2026-11-29 08:00' } })
        .success,
    ).toBe(false);
    expect(
      CatalogRequestSchema.safeParse({ entry: { ...entry, writtenAt: '2026-11-29T00:00:00Z' } })
        .success,
    ).toBe(true);
  });
});

describe('the librarian output', () => {
  it('accepts a full card with its reply', () => {
    expect(LibrarianOutputSchema.parse({ reply: '桂花糕的味道还在。', ...card }).hall).toBe(
      'family',
    );
  });

  it('knows exactly the ten halls', () => {
    expect(HALLS).toHaveLength(10);
    expect(LibrarianCatalogSchema.safeParse({ ...card, hall: 'kitchen' }).success).toBe(false);
  });

  it('keeps emotion intensities between 0 and 1', () => {
    expect(
      LibrarianCatalogSchema.safeParse({ ...card, emotions: [{ name: 'joy', intensity: 3 }] })
        .success,
    ).toBe(false);
  });

  it('allows usage without a cost, as local servers report none', () => {
    const usage = {
      promptTokens: 1,
      completionTokens: 1,
      totalTokens: 2,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      costUsd: null,
    };
    expect(UsageSchema.parse(usage).costUsd).toBeNull();
  });
});
