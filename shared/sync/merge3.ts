/**
 * Three-way line merge against the common parent (SYNC-12). Each side's changes are hunks over
 * base line ranges; hunks from the two sides that touch different lines are both applied, and
 * hunks that touch the same lines (or insert at the same place) differently are a conflict: the
 * caller keeps both versions for the person to choose. Identical changes on both sides merge.
 */

export type MergeResult = { ok: true; text: string } | { ok: false };

interface Hunk {
  start: number;
  end: number;
  lines: string[];
}

export function mergeLines(base: string, ours: string, theirs: string): MergeResult {
  if (ours === theirs || theirs === base) return { ok: true, text: ours };
  if (ours === base) return { ok: true, text: theirs };
  const baseLines = base.split('\n');
  const a = hunksOf(baseLines, ours.split('\n'));
  const b = hunksOf(baseLines, theirs.split('\n'));
  const all: Hunk[] = [...a];
  for (const hunk of b) {
    const twin = a.find((other) => sameHunk(other, hunk));
    if (twin) continue;
    if (a.some((other) => overlaps(other, hunk))) return { ok: false };
    all.push(hunk);
  }
  all.sort((x, y) => x.start - y.start || x.end - y.end);
  const out: string[] = [];
  let at = 0;
  for (const hunk of all) {
    out.push(...baseLines.slice(at, hunk.start), ...hunk.lines);
    at = hunk.end;
  }
  out.push(...baseLines.slice(at));
  return { ok: true, text: out.join('\n') };
}

function sameHunk(x: Hunk, y: Hunk): boolean {
  return (
    x.start === y.start &&
    x.end === y.end &&
    x.lines.length === y.lines.length &&
    x.lines.every((line, index) => line === y.lines[index])
  );
}

/** Shared base lines, the same insertion point, or an insertion inside the other's range. */
function overlaps(x: Hunk, y: Hunk): boolean {
  if (x.start === y.start) return true;
  if (Math.max(x.start, y.start) < Math.min(x.end, y.end)) return true;
  const inside = (point: Hunk, range: Hunk) =>
    point.start === point.end && range.start < point.start && point.start < range.end;
  return inside(x, y) || inside(y, x);
}

/** Changes from `base` to `side` as hunks, from a longest common subsequence of lines. */
function hunksOf(base: string[], side: string[]): Hunk[] {
  const match = lcsMatch(base, side);
  const hunks: Hunk[] = [];
  let o = 0;
  let x = 0;
  while (o <= base.length) {
    if (o < base.length && match[o] === x) {
      o += 1;
      x += 1;
      continue;
    }
    let end = o;
    while (end < base.length && match[end] === -1) end += 1;
    const sideEnd = end < base.length ? (match[end] as number) : side.length;
    if (end > o || sideEnd > x) hunks.push({ start: o, end, lines: side.slice(x, sideEnd) });
    if (end >= base.length) break;
    o = end;
    x = sideEnd;
  }
  return hunks;
}

/** For each base line, the index of its partner in `side`, or -1 (common ends trimmed first). */
function lcsMatch(base: string[], side: string[]): Int32Array {
  const match = new Int32Array(base.length).fill(-1);
  let head = 0;
  while (head < base.length && head < side.length && base[head] === side[head]) {
    match[head] = head;
    head += 1;
  }
  let tail = 0;
  while (
    tail < base.length - head &&
    tail < side.length - head &&
    base[base.length - 1 - tail] === side[side.length - 1 - tail]
  ) {
    match[base.length - 1 - tail] = side.length - 1 - tail;
    tail += 1;
  }
  const n = base.length - head - tail;
  const m = side.length - head - tail;
  if (n === 0 || m === 0) return match;
  // Suffix-length table: table[i][j] = LCS of base[head+i..] and side[head+j..].
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * width + j] =
        base[head + i] === side[head + j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (base[head + i] === side[head + j]) {
      match[head + i] = head + j;
      i += 1;
      j += 1;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) {
      i += 1;
    } else j += 1;
  }
  return match;
}
