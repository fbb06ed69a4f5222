import { describe, expect, it } from 'vitest';
import type { CatalogCard, Memory } from '$lib/db/database';
import { arrangeLibrary } from './shelves.ts';

function memory(
  id: string,
  card: Pick<CatalogCard, 'hall' | 'shelf' | 'callNumber'> | null,
): Memory {
  return {
    id,
    text: id,
    lang: 'en',
    writtenAt: '2025-03-01T21:00:00+08:00',
    writtenAtMs: 0,
    createdAt: '2025-03-01T13:00:00.000Z',
    headRevId: `${id}-r1`,
    updatedAt: '2025-03-01T13:00:00.000Z',
    mood: null,
    tags: [],
    isPrivate: false,
    deletedAt: null,
    monthDay: '03-01',
    librarianStatus: card ? 'catalogued' : 'queued',
    catalog: card
      ? {
          title: id,
          summary: '',
          emotions: [],
          people: [],
          places: [],
          themes: [],
          keywords: [],
          whyHere: '',
          related: [],
          source: 'librarian',
          catalogedAt: '',
          ...card,
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

describe('arrangeLibrary', () => {
  const halls = arrangeLibrary([
    memory('c', { hall: 'family', shelf: '外婆', callNumber: 'FAM-外婆-0002' }),
    memory('a', { hall: 'family', shelf: '外婆', callNumber: 'FAM-外婆-0001' }),
    memory('b', { hall: 'family', shelf: 'Dad', callNumber: 'FAM-dad-0001' }),
    memory('d', { hall: 'everyday', shelf: 'tea', callNumber: 'EVE-tea-0001' }),
    memory('queued', null),
  ]);

  it('lists all ten halls in their fixed order with counts of catalogued memories', () => {
    expect(halls).toHaveLength(10);
    expect(halls.map((view) => view.count)).toEqual([3, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('puts fuller shelves first and books in call-number order', () => {
    const family = halls[0]!;
    expect(family.shelves.map((shelf) => shelf.name)).toEqual(['外婆', 'Dad']);
    expect(family.shelves[0]!.memories.map((item) => item.id)).toEqual(['a', 'c']);
  });

  it('groups shelf names that differ only in case or spacing', () => {
    const [hall] = arrangeLibrary([
      memory('x', { hall: 'self', shelf: 'Morning runs', callNumber: 'SEL-morning-runs-0001' }),
      memory('y', { hall: 'self', shelf: 'morning  runs', callNumber: 'SEL-morning-runs-0002' }),
    ]).filter((view) => view.count > 0);
    expect(hall!.shelves).toHaveLength(1);
    expect(hall!.shelves[0]!.name).toBe('Morning runs');
  });
});
