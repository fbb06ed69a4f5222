import { foldText, queryUnits } from './tokenize.ts';

/** A piece of a snippet: text to show as is, marked when it matched the query. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * Folds text one code point at a time, remembering where each folded character came from, so a
 * match found in folded text can be marked in the original.
 */
function foldWithMap(text: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const char of text) {
    const piece = foldText(char);
    for (let i = 0; i < piece.length; i += 1) {
      starts.push(offset);
      ends.push(offset + char.length);
    }
    folded += piece;
    offset += char.length;
  }
  return { folded, starts, ends };
}

/** The query's words and CJK runs, folded, longest first: what to mark in a result. */
export function needles(query: string): string[] {
  const set = new Set<string>();
  for (const unit of queryUnits(query)) set.add(unit.term);
  for (const run of foldText(query).match(
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu,
  ) ?? [])
    set.add(run);
  return [...set].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** Ranges [start, end) in `text` where any needle occurs, merged and in order. */
export function matchRanges(text: string, query: string): [number, number][] {
  const { folded, starts, ends } = foldWithMap(text);
  const ranges: [number, number][] = [];
  for (const needle of needles(query)) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(needle, from);
      if (at === -1) break;
      ranges.push([starts[at]!, ends[at + needle.length - 1]!]);
      from = at + needle.length;
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/**
 * A short passage around the first match with the matches marked. Rendered as text nodes and
 * `<mark>` elements, never as HTML. Without a match: the beginning of the text.
 */
export function snippet(text: string, query: string, maxLength = 140): SnippetPart[] {
  const ranges = matchRanges(text, query);
  const first = ranges[0];
  let start = 0;
  if (first && first[0] > maxLength / 3) start = first[0] - Math.floor(maxLength / 3);
  // Never cut a surrogate pair in half.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start -= 1;
  let end = Math.min(text.length, start + maxLength);
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end += 1;
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  let cursor = start;
  for (const [from, to] of ranges) {
    if (to <= start) continue;
    if (from >= end) break;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a > cursor) parts.push({ text: text.slice(cursor, a), hit: false });
    parts.push({ text: text.slice(a, b), hit: true });
    cursor = b;
  }
  if (cursor < end) parts.push({ text: text.slice(cursor, end), hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
