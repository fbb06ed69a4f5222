import type { Language, LibrarianCatalog } from '../librarian.ts';
import { pickEmotions } from './emotions.ts';
import { findPeople, findPlaces } from './entities.ts';
import { guessFromLexicon } from './hall-lexicon.ts';
import { relatedQueryTerms, type RelatedMemory } from './related.ts';
import { proposeShelf, type Neighbour } from './shelve.ts';

const TITLE_CHARS = 40;
const SUMMARY_CHARS = 120;

function clip(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** The first sentence, clipped: a title a person recognises their memory by. */
function titleOf(text: string): string {
  const firstSentence = text.trim().split(/(?<=[。！？!?.])\s*|\n/u)[0] ?? text;
  return (
    clip(firstSentence.replace(/[。！？!?.，,]+$/u, ''), TITLE_CHARS) || clip(text, TITLE_CHARS)
  );
}

/**
 * The on-device librarian's catalog card for a new memory, before any model sees it: shelf from
 * its neighbours or the lexicon, emotions from the lexicon, people and places from simple
 * patterns, and the related memories retrieval found. The caller adds the call number.
 */
export function buildDeviceCard(input: {
  text: string;
  lang: Language;
  related: readonly RelatedMemory[];
  neighbours: readonly Neighbour[];
}): LibrarianCatalog {
  const shelf = proposeShelf(input.text, input.lang, input.neighbours);
  const themes = guessFromLexicon(input.text).map((guess) =>
    input.lang === 'en' ? guess.entry.shelf.en : guess.entry.shelf.zh,
  );
  return {
    title: titleOf(input.text),
    summary: clip(input.text.replace(/\s+/gu, ' '), SUMMARY_CHARS),
    hall: shelf.hall,
    shelf: shelf.shelf,
    emotions: pickEmotions(input.text).map(({ name, intensity }) => ({ name, intensity })),
    people: findPeople(input.text),
    places: findPlaces(input.text),
    themes: [...new Set(themes)].slice(0, 6),
    keywords: relatedQueryTerms(input.text).slice(0, 8),
    whyHere: shelf.whyHere,
    related: input.related.slice(0, 5).map((memory) => ({
      id: memory.entryId,
      why: memory.shared.slice(0, 4).join(', ') || 'similar words',
    })),
  };
}
