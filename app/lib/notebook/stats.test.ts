import { describe, expect, it } from 'vitest';
import type { CatalogCard, Memory } from '../db/database.ts';
import { librarianStats, percentKept } from './stats.ts';

const now = new Date('2026-11-29T10:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

function cardOn(
  hall: CatalogCard['hall'],
  shelf: string,
  source: CatalogCard['source'],
  at: string,
): CatalogCard {
  return {
    title: 't',
    summary: 's',
    hall,
    shelf,
    emotions: [],
    people: [],
    places: [],
    themes: [],
    keywords: [],
    whyHere: 'w',
    related: [],
    callNumber: 'EVE-x-0001',
    source,
    catalogedAt: at,
  };
}

function memory(extra: Record<string, unknown>): Memory {
  return { id: crypto.randomUUID(), catalog: null, ...extra } as unknown as Memory;
}

describe('how the librarian’s guesses improved', () => {
  it('counts shelved memories and the share of device guesses the AI kept, recent and before', () => {
    const guess = (shelf: string) => cardOn('family', shelf, 'device', daysAgo(40));
    const memories = [
      // Judged 40 days ago: one kept (slug equal despite case), one not.
      memory({
        deviceCatalog: guess('Lin'),
        catalog: cardOn('family', 'lin', 'librarian', daysAgo(40)),
      }),
      memory({
        deviceCatalog: guess('Lin'),
        catalog: cardOn('friends', 'Lin', 'librarian', daysAgo(35)),
      }),
      // Judged recently: both kept; one moved by the person later, judged by the AI's placement.
      memory({
        deviceCatalog: guess('Sam'),
        catalog: cardOn('family', 'Sam', 'librarian', daysAgo(2)),
      }),
      memory({
        deviceCatalog: guess('tea'),
        catalog: cardOn('everyday', 'tea', 'librarian', daysAgo(1)),
        personShelf: { hall: 'everyday', shelf: 'tea', at: daysAgo(1) },
        aiPlacement: { hall: 'family', shelf: 'tea', at: daysAgo(1) },
      }),
      // Only the device's guess so far; and one memory the AI shelved with no guess.
      memory({ deviceCatalog: guess('x'), catalog: guess('x') }),
      memory({ catalog: cardOn('self', 'nights', 'librarian', daysAgo(3)) }),
    ];
    const stats = librarianStats(memories, now);
    expect(stats).toEqual({
      shelvedByDevice: 5,
      shelvedByAi: 5,
      overall: { kept: 3, judged: 4 },
      recent: { kept: 2, judged: 2 },
      before: { kept: 1, judged: 2 },
    });
    expect(percentKept(stats.overall)).toBe(75);
    expect(percentKept({ kept: 0, judged: 0 })).toBeNull();
  });

  it('does not judge a memory the person moved when the AI’s own placement is unknown', () => {
    const stats = librarianStats(
      [
        memory({
          deviceCatalog: cardOn('family', 'Lin', 'device', daysAgo(1)),
          catalog: cardOn('family', 'Lin', 'librarian', daysAgo(1)),
          personShelf: { hall: 'family', shelf: 'Lin', at: daysAgo(1) },
        }),
      ],
      now,
    );
    expect(stats.overall).toEqual({ kept: 0, judged: 0 });
  });
});
