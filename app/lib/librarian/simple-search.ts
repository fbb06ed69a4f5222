import type { Memory } from '../db/database.ts';

/** Case- and width-folded text (NFKC turns full-width Ａ into A) for plain substring search. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

/**
 * The memories whose text or catalog card contains every word of the query, newest first
 * (the order they come in). A plain scan: the real index (BM25 over Intl.Segmenter tokens and
 * CJK bigrams) replaces it later.
 */
export function searchMemories(memories: readonly Memory[], query: string): Memory[] {
  const terms = fold(query).split(/\s+/u).filter(Boolean);
  if (terms.length === 0) return [];
  return memories.filter((memory) => {
    const haystack = fold(searchableText(memory));
    return terms.every((term) => haystack.includes(term));
  });
}

function searchableText(memory: Memory): string {
  const card = memory.catalog;
  if (!card) return memory.text;
  return [
    memory.text,
    card.title,
    card.summary,
    card.shelf,
    card.callNumber,
    ...card.people,
    ...card.places,
    ...card.themes,
    ...card.keywords,
  ].join('\n');
}
