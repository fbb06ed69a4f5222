import { describe, expect, it } from 'vitest';
import type { CatalogCard, Memory } from '../db/database.ts';
import { searchMemories } from './simple-search.ts';

function memory(id: string, text: string, catalog: Partial<CatalogCard> | null = null): Memory {
  return {
    id,
    text,
    lang: 'en',
    writtenAt: '2025-03-01T21:00:00+08:00',
    writtenAtMs: 0,
    createdAt: '2025-03-01T13:00:00.000Z',
    librarianStatus: catalog ? 'catalogued' : 'queued',
    catalog: catalog
      ? {
          title: '',
          summary: '',
          hall: 'family',
          shelf: '',
          emotions: [],
          people: [],
          places: [],
          themes: [],
          keywords: [],
          whyHere: '',
          related: [],
          callNumber: 'FAM-x-0001',
          source: 'librarian',
          catalogedAt: '',
          ...catalog,
        }
      : null,
    reply: null,
    reasoning: null,
    usage: null,
    model: null,
    promptVersion: null,
    librarianError: null,
  };
}

const memories = [
  memory('a', 'Walked by the River with Lin.'),
  memory('b', '今天去看了外婆，她包了饺子。'),
  memory('c', 'A quiet day.', { people: ['Grandma Wu'], shelf: 'grandmother' }),
  memory('d', 'ＦＵＬＬ width letters'),
];

const ids = (query: string) => searchMemories(memories, query).map((found) => found.id);

describe('searchMemories', () => {
  it('ignores case', () => {
    expect(ids('river')).toEqual(['a']);
    expect(ids('LIN')).toEqual(['a']);
  });

  it('finds Chinese substrings', () => {
    expect(ids('外婆')).toEqual(['b']);
    expect(ids('饺子')).toEqual(['b']);
  });

  it('folds full-width letters', () => {
    expect(ids('full')).toEqual(['d']);
  });

  it('needs every word', () => {
    expect(ids('river lin')).toEqual(['a']);
    expect(ids('river 外婆')).toEqual([]);
  });

  it('looks in the catalog card too', () => {
    expect(ids('grandma')).toEqual(['c']);
  });

  it('finds nothing for an empty query', () => {
    expect(ids('   ')).toEqual([]);
  });
});
