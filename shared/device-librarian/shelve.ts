import { shelfSlug } from '../call-number.ts';
import { findHall, type HallId } from '../hall-data.ts';
import type { Language } from '../librarian.ts';
import { FALLBACK_SHELF, guessFromLexicon } from './hall-lexicon.ts';

/** A catalogued memory near the new one, as retrieval found it. */
export interface Neighbour {
  entryId: string;
  score: number;
  hall: HallId;
  shelf: string;
  callNumber: string;
}

export interface ShelfProposal {
  hall: HallId;
  shelf: string;
  /** What decided it: the neighbours' shelf, the keyword lexicon, or nothing (everyday). */
  basis: 'neighbours' | 'lexicon' | 'fallback';
  /** Call numbers of the neighbours, or the lexicon words, that decided it. */
  because: string[];
  whyHere: string;
}

/** The neighbours' favourite shelf must carry at least this share of their total weight. */
const NEIGHBOUR_MAJORITY = 0.5;

/**
 * Where the on-device librarian shelves a new memory: beside its related memories when they
 * agree on a shelf (so the person's own corrections spread), else by the keyword lexicon, else in
 * Everyday. Pure, instant and offline; the AI librarian's card replaces it later.
 */
export function proposeShelf(
  text: string,
  lang: Language,
  neighbours: readonly Neighbour[],
): ShelfProposal {
  const fromNeighbours = shelfOfNeighbours(neighbours);
  if (fromNeighbours) {
    return {
      ...fromNeighbours,
      basis: 'neighbours',
      whyHere: explain('neighbours', lang, fromNeighbours),
    };
  }
  const [guess] = guessFromLexicon(text);
  const entry = guess?.entry ?? FALLBACK_SHELF;
  const shelf = lang === 'en' ? entry.shelf.en : entry.shelf.zh;
  const proposal = { hall: entry.hall, shelf, because: guess?.cues ?? [] };
  const basis = guess ? 'lexicon' : 'fallback';
  return { ...proposal, basis, whyHere: explain(basis, lang, proposal) };
}

function shelfOfNeighbours(neighbours: readonly Neighbour[]) {
  if (neighbours.length === 0) return null;
  const groups = new Map<
    string,
    { hall: HallId; shelf: string; weight: number; because: string[] }
  >();
  let total = 0;
  for (const neighbour of neighbours) {
    const key = `${neighbour.hall}/${shelfSlug(neighbour.shelf)}`;
    const group = groups.get(key) ?? {
      hall: neighbour.hall,
      shelf: neighbour.shelf,
      weight: 0,
      because: [],
    };
    group.weight += neighbour.score;
    group.because.push(neighbour.callNumber);
    groups.set(key, group);
    total += neighbour.score;
  }
  const best = [...groups.values()].sort((a, b) => b.weight - a.weight)[0]!;
  if (total <= 0 || best.weight / total < NEIGHBOUR_MAJORITY) return null;
  return { hall: best.hall, shelf: best.shelf, because: best.because.slice(0, 3) };
}

function explain(
  basis: ShelfProposal['basis'],
  lang: Language,
  proposal: { hall: HallId; shelf: string; because: string[] },
): string {
  const hall = findHall(proposal.hall);
  const zh = lang !== 'en';
  if (basis === 'neighbours') {
    return zh
      ? `和相关的记忆 ${proposal.because.join('、')} 放在同一个书架「${proposal.shelf}」。`
      : `Shelved beside related memories ${proposal.because.join(', ')} on the “${proposal.shelf}” shelf.`;
  }
  if (basis === 'lexicon') {
    const cues = proposal.because.slice(0, 3);
    return zh
      ? `提到了「${cues.join('」「')}」，先放在${hall.zh}馆的「${proposal.shelf}」书架。`
      : `It mentions “${cues.join('”, “')}”, so it goes on the “${proposal.shelf}” shelf in ${hall.en} for now.`;
  }
  return zh
    ? `还没有相近的记忆，先放在${hall.zh}馆。`
    : `Nothing like it on the shelves yet, so it waits in ${hall.en}.`;
}
