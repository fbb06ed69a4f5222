/**
 * Tokens for the search index (DESIGN.md §2 step 3). Text is folded (NFKC, lower case, invisible
 * characters removed), so `Ｃａｆé`, `CAFÉ` and `caf\u200Bé` are one word. Latin and other spaced
 * scripts are split into words with `Intl.Segmenter`; Chinese and Japanese runs become character
 * bigrams, so a two-character word such as 外婆 is one exact term. Each CJK run also ends with its
 * last character on its own, so every character starts some term and a one-character query can
 * match by prefix.
 */

/** Zero-width, soft-hyphen and bidirectional control characters: invisible, never part of a word. */
const INVISIBLE =
  /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/gu;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3006\u30FC]+/gu;
/** Longer terms are cut: no word is this long, and IndexedDB keys should stay small. */
export const MAX_TERM_LENGTH = 32;

export function foldText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
}

type Segment = { segment: string; isWordLike?: boolean };
let segmenter: { segment(text: string): Iterable<Segment> } | null | undefined;

function wordSegmenter() {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl !== 'undefined' && 'Segmenter' in Intl
        ? new Intl.Segmenter('en', { granularity: 'word' })
        : null;
  }
  return segmenter;
}

/** Words of folded, non-CJK text. Without Intl.Segmenter (old browsers): letters and digits. */
function words(folded: string): string[] {
  const found: string[] = [];
  const segments = wordSegmenter();
  if (segments) {
    for (const { segment, isWordLike } of segments.segment(folded)) {
      if (isWordLike) found.push(segment.slice(0, MAX_TERM_LENGTH));
    }
  } else {
    for (const match of folded.matchAll(/[\p{L}\p{N}\p{M}'’_]+/gu)) {
      found.push(match[0].slice(0, MAX_TERM_LENGTH));
    }
  }
  return found;
}

/** Bigrams of a CJK run, then its last character: 桂花糕 → 桂花, 花糕, 糕. */
export function cjkTerms(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const terms: string[] = [];
  for (let i = 0; i < chars.length - 1; i += 1) terms.push(chars[i]! + chars[i + 1]!);
  terms.push(chars.at(-1)!);
  return terms;
}

/** Splits folded text into alternating CJK runs and everything else, in order. */
function pieces(folded: string): { text: string; cjk: boolean }[] {
  const out: { text: string; cjk: boolean }[] = [];
  let last = 0;
  for (const match of folded.matchAll(CJK_RUN)) {
    if (match.index > last) out.push({ text: folded.slice(last, match.index), cjk: false });
    out.push({ text: match[0], cjk: true });
    last = match.index + match[0].length;
  }
  if (last < folded.length) out.push({ text: folded.slice(last), cjk: false });
  return out;
}

/** Every term of a document with how often it occurs, and the document's length in terms. */
export function documentTerms(text: string): { terms: Map<string, number>; length: number } {
  const terms = new Map<string, number>();
  let length = 0;
  for (const piece of pieces(foldText(text))) {
    for (const term of piece.cjk ? cjkTerms(piece.text) : words(piece.text)) {
      terms.set(term, (terms.get(term) ?? 0) + 1);
      length += 1;
    }
  }
  return { terms, length };
}

/** One thing a result must contain: an exact term, or any term starting with `term`. */
export interface QueryUnit {
  term: string;
  prefix: boolean;
}

/**
 * What a query asks for: every unit must match (AND). The last Latin word is a prefix unless the
 * query ends with a space (the person is still typing it); one-letter prefixes are too broad and
 * match exactly. A CJK run of two or more characters asks for its bigrams exactly; a single CJK
 * character matches any term it starts.
 */
export function queryUnits(query: string): QueryUnit[] {
  const folded = foldText(query);
  const units: QueryUnit[] = [];
  const all = pieces(folded);
  const typingLastWord = !/\s$/u.test(query);
  all.forEach((piece, index) => {
    if (piece.cjk) {
      const chars = Array.from(piece.text);
      if (chars.length === 1) units.push({ term: piece.text, prefix: true });
      else
        for (let i = 0; i < chars.length - 1; i += 1)
          units.push({ term: chars[i]! + chars[i + 1]!, prefix: false });
      return;
    }
    const found = words(piece.text);
    found.forEach((word, wordIndex) => {
      const isLast = index === all.length - 1 && wordIndex === found.length - 1;
      const endsHere = piece.text.trimEnd().endsWith(word);
      const prefix = isLast && typingLastWord && endsHere && Array.from(word).length >= 2;
      units.push({ term: word, prefix });
    });
  });
  const seen = new Set<string>();
  return units.filter((unit) => {
    const key = `${unit.prefix ? 'p' : 'e'}:${unit.term}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether a term matches a unit (the reference the index's range queries must agree with). */
export function unitMatches(unit: QueryUnit, term: string): boolean {
  return unit.prefix ? term.startsWith(unit.term) : term === unit.term;
}
