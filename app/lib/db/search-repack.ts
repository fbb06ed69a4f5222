import type { TermChunk } from './database.ts';

/**
 * Postings per packed row (6 bytes each). A merge rewrites the last row of every term it touches,
 * which is what a save can queue behind: rows of 1,024 (6 KB) keep that write small, where rows of
 * 8,192 (48 KB) made it several times longer; a query reads a few more rows instead.
 */
export const POSTINGS_PER_CHUNK = 1024;
const TF_MAX = 0xffff;

/** Postings being moved between packed rows: memory numbers and term frequencies. */
export interface Column {
  ords: number[];
  tf: number[];
}

export const emptyColumn = (): Column => ({ ords: [], tf: [] });

function toChunk(term: string, chunk: number, column: Column): TermChunk {
  return {
    term,
    chunk,
    ords: Uint32Array.from(column.ords),
    tf: Uint16Array.from(column.tf, (tf) => Math.min(tf, TF_MAX)),
  };
}

/**
 * One term's new packed rows: drop the postings of `drop` memories, append `add`. Rows that lose
 * nothing are left alone; new postings fill the last row, then new ones. When removals leave the
 * term with more rows than it needs plus one, all its rows are rewritten full.
 */
export function repackTerm(
  term: string,
  chunks: readonly TermChunk[],
  drop: ReadonlySet<number>,
  add: Column,
  size = POSTINGS_PER_CHUNK,
): { put: TermChunk[]; remove: number[] } {
  const kept: { chunk: number; column: Column; changed: boolean }[] = [];
  const remove: number[] = [];
  let total = add.ords.length;
  for (const chunk of chunks) {
    const column = emptyColumn();
    chunk.ords.forEach((ord, i) => {
      if (drop.has(ord)) return;
      column.ords.push(ord);
      column.tf.push(chunk.tf[i]!);
    });
    total += column.ords.length;
    kept.push({ chunk: chunk.chunk, column, changed: column.ords.length !== chunk.ords.length });
  }
  if (kept.length > Math.ceil(total / size) + 1) {
    // Too fragmented: rewrite the term's rows from 0, full.
    const all = emptyColumn();
    for (const { column } of kept) appendColumn(all, column, 0, column.ords.length);
    appendColumn(all, add, 0, add.ords.length);
    const put: TermChunk[] = [];
    for (let start = 0; start < all.ords.length; start += size) {
      put.push(toChunk(term, put.length, sliceColumn(all, start, start + size)));
    }
    for (const { chunk } of kept) if (chunk >= put.length) remove.push(chunk);
    return { put, remove };
  }
  let next = 0;
  const last = kept.at(-1);
  if (last && last.column.ords.length < size) {
    next = Math.min(add.ords.length, size - last.column.ords.length);
    if (next > 0) {
      appendColumn(last.column, add, 0, next);
      last.changed = true;
    }
  }
  let number = (last?.chunk ?? -1) + 1;
  for (; next < add.ords.length; next += size) {
    const end = Math.min(add.ords.length, next + size);
    kept.push({ chunk: number, column: sliceColumn(add, next, end), changed: true });
    number += 1;
  }
  const put: TermChunk[] = [];
  for (const { chunk, column, changed } of kept) {
    if (!changed) continue;
    if (column.ords.length === 0) remove.push(chunk);
    else put.push(toChunk(term, chunk, column));
  }
  return { put, remove };
}

function appendColumn(to: Column, from: Column, start: number, end: number): void {
  for (let i = start; i < end; i += 1) {
    to.ords.push(from.ords[i]!);
    to.tf.push(from.tf[i]!);
  }
}

function sliceColumn(from: Column, start: number, end: number): Column {
  return { ords: from.ords.slice(start, end), tf: from.tf.slice(start, end) };
}
