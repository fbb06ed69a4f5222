import { buildDeviceCard } from '#shared/device-librarian/device-card';
import { findPeople, findPlaces } from '#shared/device-librarian/entities';
import {
  findRelated,
  type CandidateFacets,
  type PostingSource,
} from '#shared/device-librarian/related';
import type { Neighbour } from '#shared/device-librarian/shelve';
import type { LibrarianCatalog, RelatedCard } from '#shared/librarian';
import type { Memory, MemoryLibraryDb } from '../db/database.ts';
import { deviceCardTables, readForDeviceCard, writeDeviceCard } from '../db/device-catalog.ts';
import { getMemory, isSendable } from '../db/memories.ts';
import { createIndexPostingSource, postingTables } from '../db/related-postings.ts';

/** A memory found near another one, with the words and facets they share (the "why"). */
export interface RelatedEntry {
  memory: Memory;
  score: number;
  shared: string[];
}

/** Memories the app already has in hand (the list in MemoriesState), to skip a database read. */
export type MemoryLookup = (id: string) => Memory | undefined;

const RELATED_LIMIT = 5;
const SUMMARY_CHARS = 200;

function facetsOfText(text: string): CandidateFacets {
  return { people: findPeople(text), places: findPlaces(text), themes: [] };
}

/**
 * The memories most related to `memory` (BM25 over the on-device index plus shared people, places
 * and themes), best first, without it and without memories in the Trash. No network.
 */
export async function findRelatedEntries(
  db: MemoryLibraryDb,
  memory: Pick<Memory, 'id' | 'text'>,
  lookup: MemoryLookup = () => undefined,
  limit = RELATED_LIMIT,
  source: PostingSource = createIndexPostingSource(db),
): Promise<RelatedEntry[]> {
  const found = await findRelated(memory.text, source, {
    excludeId: memory.id,
    // A few spare: some may be in the Trash or gone.
    limit: limit + 3,
    facets: facetsOfText(memory.text),
    facetsOf: (id) => {
      const card = lookup(id)?.catalog;
      return card ? { people: card.people, places: card.places, themes: card.themes } : undefined;
    },
  });
  const entries: RelatedEntry[] = [];
  for (const candidate of found) {
    const other = lookup(candidate.entryId) ?? (await getMemory(db, candidate.entryId));
    if (!other || other.deletedAt !== null) continue;
    entries.push({ memory: other, score: candidate.score, shared: candidate.shared });
    if (entries.length === limit) break;
  }
  return entries;
}

/**
 * The on-device librarian's first guess for a memory just saved: related memories, a hall and
 * shelf from the catalogued ones among them (or the lexicon), emotions, people, places, and a
 * provisional call number, stored as a card with source `device`. Instant and offline.
 */
export async function shelveOnDevice(
  db: MemoryLibraryDb,
  memory: Memory,
  now: Date,
  lookup: MemoryLookup = () => undefined,
): Promise<Memory | undefined> {
  const tables = [...new Set([...postingTables(db), ...deviceCardTables(db)])];
  // One transaction for the retrieval and the card's write: a second one would wait for the
  // first to end, and what the write reads is asked for with the retrieval's first reads.
  return db.transaction('rw', tables, async () => {
    const reads = readForDeviceCard(db, memory.id);
    const source = createIndexPostingSource(db, { inTransaction: true });
    return writeDeviceCard(
      db,
      deviceCard(memory, await findRelatedEntries(db, memory, lookup, RELATED_LIMIT, source)),
      now,
      reads,
    );
  });
}

/** The device's card for a memory from the memories found related to it. */
function deviceCard(memory: Memory, related: RelatedEntry[]): LibrarianCatalog {
  const neighbours: Neighbour[] = related.flatMap(({ memory: other, score }) =>
    other.catalog
      ? [
          {
            entryId: other.id,
            score,
            hall: other.catalog.hall,
            shelf: other.catalog.shelf,
            callNumber: other.catalog.callNumber,
          },
        ]
      : [],
  );
  return buildDeviceCard({
    text: memory.text,
    lang: memory.lang,
    related: related.map(({ memory: other, score, shared }) => ({
      entryId: other.id,
      score,
      shared,
    })),
    neighbours,
  });
}

/**
 * Compact cards of the related memories to send with a catalog request (DESIGN.md §2): call
 * number and the AI librarian's one-line summary — never a memory's text, never a private
 * memory, never a device guess (its call number is only provisional).
 */
export async function relatedCardsFor(
  db: MemoryLibraryDb,
  memory: Pick<Memory, 'id' | 'text'>,
  lookup: MemoryLookup = () => undefined,
): Promise<RelatedCard[]> {
  const related = await findRelatedEntries(db, memory, lookup, 8);
  const cards: RelatedCard[] = [];
  for (const { memory: other } of related) {
    const card = other.catalog;
    if (!isSendable(other) || card?.source !== 'librarian') continue;
    const summary = Array.from(card.summary).slice(0, SUMMARY_CHARS).join('');
    cards.push({ id: other.id, callNumber: card.callNumber, summary });
  }
  return cards.slice(0, RELATED_LIMIT);
}
