import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc.ts';
import { mergeFields } from './lww.ts';
import { mergeLines } from './merge3.ts';
import { decodePayload, encodePayload, type Fields } from './payload.ts';
import {
  applyRemoteRevisions,
  reviseEntry,
  viewEntry,
  type LocalRevision,
  type Replica,
} from './replica.ts';

const lines = (...items: string[]) => items.join('\n');

describe('three-way line merge', () => {
  it('SYNC-12: merges edits to different lines, adjacent ones included', () => {
    const base = lines('a', 'b', 'c', 'd');
    expect(mergeLines(base, lines('A', 'b', 'c', 'd'), lines('a', 'b', 'c', 'D'))).toEqual({
      ok: true,
      text: lines('A', 'b', 'c', 'D'),
    });
    expect(mergeLines(base, lines('a', 'B', 'c', 'd'), lines('a', 'b', 'C', 'd'))).toEqual({
      ok: true,
      text: lines('a', 'B', 'C', 'd'),
    });
    expect(
      mergeLines(base, lines('a', 'b', 'c', 'd', 'e'), lines('z', 'a', 'b', 'c', 'd')),
    ).toEqual({
      ok: true,
      text: lines('z', 'a', 'b', 'c', 'd', 'e'),
    });
  });

  it('SYNC-12: the same line changed differently is a conflict; the same change is not', () => {
    const base = lines('a', 'b', 'c');
    expect(mergeLines(base, lines('a', 'X', 'c'), lines('a', 'Y', 'c'))).toEqual({ ok: false });
    expect(mergeLines(base, lines('a', 'b', 'x', 'c'), lines('a', 'b', 'y', 'c'))).toEqual({
      ok: false,
    });
    expect(mergeLines(base, lines('a', 'X', 'c'), lines('a', 'X', 'c'))).toEqual({
      ok: true,
      text: lines('a', 'X', 'c'),
    });
    expect(mergeLines(base, lines('a', 'c'), lines('a', 'B', 'c'))).toEqual({ ok: false });
  });

  it('SYNC-12: a clean merge keeps every line either side added and is symmetric', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 8 });
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(fc.nat(8), fc.boolean())),
        fc.array(fc.tuple(fc.nat(8), fc.boolean())),
        (base, editsA, editsB) => {
          const apply = (edits: [number, boolean][], tag: string) => {
            const out: string[] = [...base];
            edits.forEach(([at, isInsert], index) => {
              const position = Math.min(at, out.length);
              if (isInsert || out.length === 0) out.splice(position, 0, `${tag}${index}`);
              else out.splice(Math.min(position, out.length - 1), 1, `${tag}${index}`);
            });
            return out.join('\n');
          };
          const ours = apply(editsA, 'A');
          const theirs = apply(editsB, 'B');
          const result = mergeLines(base.join('\n'), ours, theirs);
          const mirrored = mergeLines(base.join('\n'), theirs, ours);
          expect(mirrored.ok).toBe(result.ok);
          if (!result.ok) return;
          const merged = new Set(result.text.split('\n'));
          for (const line of [...ours.split('\n'), ...theirs.split('\n')]) {
            if (/^[AB]/.test(line)) expect(merged.has(line)).toBe(true);
          }
        },
      ),
    );
  });
});

const stamp = <T>(value: T, ms: number, device = 'd1') => ({
  value,
  hlc: formatHlc({ ms, counter: 0, deviceId: device }),
});
const fields = (ms: number, over: Partial<Fields> = {}): Fields => ({
  mood: stamp(null, ms),
  tags: stamp([], ms),
  private: stamp(false, ms),
  deleted: stamp(false, ms),
  writtenAt: stamp('2026-05-01T08:00:00+08:00', ms),
  ...over,
});

describe('last-writer-wins fields', () => {
  it('SYNC-13: each field keeps its latest stamp, independently', () => {
    const a = fields(1, { mood: stamp('calm', 5, 'a') });
    const b = fields(1, { tags: stamp(['x'], 7, 'b'), mood: stamp('sad', 3, 'b') });
    const merged = mergeFields([a, b]);
    expect(merged.mood.value).toBe('calm');
    expect(merged.tags.value).toEqual(['x']);
    expect(mergeFields([b, a])).toEqual(merged);
  });
});

function revision(
  revId: string,
  parent: string | null,
  ms: number,
  text: string,
  over: Partial<Fields> = {},
  device = 'd1',
): LocalRevision {
  return {
    entryId: 'e',
    revId,
    parentRevId: parent,
    deviceId: device,
    hlc: formatHlc({ ms, counter: 0, deviceId: device }),
    payload: { v: 1, text, fields: fields(ms, over) },
  };
}

function view(revisions: LocalRevision[]) {
  const { replica } = applyRemoteRevisions(new Map() as Replica, revisions);
  return viewEntry('e', replica.get('e') ?? new Map());
}

describe('revision graph and views', () => {
  const root = revision('r0', null, 1, lines('one', 'two', 'three'));

  it('SYNC-11: two edits from the same parent keep both heads', () => {
    const left = revision('rA', 'r0', 2, lines('ONE', 'two', 'three'), {}, 'a');
    const right = revision('rB', 'r0', 3, lines('one', 'two', 'THREE'), {}, 'b');
    const result = view([root, left, right]);
    expect(result.heads).toEqual(['rA', 'rB']);
    expect(result.conflict).toBeNull();
    expect(result.text).toBe(lines('ONE', 'two', 'THREE'));
  });

  it('SYNC-12: overlapping edits show both versions until a save chooses', () => {
    const left = revision('rA', 'r0', 2, lines('one', 'deux', 'three'), {}, 'a');
    const right = revision('rB', 'r0', 3, lines('one', 'zwei', 'three'), {}, 'b');
    const conflicted = view([root, left, right]);
    expect(conflicted.conflict?.versions.map((version) => version.text)).toEqual([
      left.payload.text,
      right.payload.text,
    ]);
    expect(() =>
      reviseEntry(conflicted, { entryId: 'e', revId: 'rC', deviceId: 'a', hlc: left.hlc }),
    ).toThrow(/choose/);
    const chosen = reviseEntry(conflicted, {
      entryId: 'e',
      revId: 'rC',
      deviceId: 'a',
      hlc: formatHlc({ ms: 9, counter: 0, deviceId: 'a' }),
      text: right.payload.text,
    });
    expect(chosen).toMatchObject({ parentRevId: 'rA', mergedRevIds: ['rB'] });
    expect(view([root, left, right, chosen])).toMatchObject({
      heads: ['rC'],
      conflict: null,
      text: right.payload.text,
    });
  });

  it('SYNC-14: a delete concurrent with an edit keeps the edited memory and says so', () => {
    const deleted = revision(
      'rA',
      'r0',
      5,
      root.payload.text,
      { deleted: stamp(true, 5, 'a') },
      'a',
    );
    const edited = revision('rB', 'r0', 3, lines('one', 'two', 'three', 'four'), {}, 'b');
    const result = view([root, deleted, edited]);
    expect(result.isDeleted).toBe(false);
    expect(result.isDeleteOverridden).toBe(true);
    expect(result.fields.deleted.value).toBe(false);
    expect(result.text).toContain('four');
    expect(view([root, deleted]).isDeleted).toBe(true);
  });

  it('SYNC-14: the view is the same whatever order and duplication revisions arrive in', () => {
    const all = [
      root,
      revision('rA', 'r0', 2, lines('ONE', 'two', 'three'), { mood: stamp('glad', 2, 'a') }, 'a'),
      revision('rB', 'r0', 3, lines('one', 'two', 'THREE'), { mood: stamp('sad', 3, 'b') }, 'b'),
      revision('rC', 'rA', 4, lines('ONE', 'TWO', 'three'), {}, 'a'),
    ];
    const expected = view(all);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...all, ...all], { minLength: all.length * 2 }),
        (shuffled) => {
          expect(view(shuffled)).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('payload encoding', () => {
  it('SYNC-1: the compact form round-trips own and inherited stamps', () => {
    const own = formatHlc({ ms: 9, counter: 0, deviceId: 'a' });
    const payload = {
      v: 1 as const,
      text: '外婆 garden',
      fields: fields(3, { mood: stamp('calm', 9, 'a'), deleted: stamp(false, 9, 'a') }),
    };
    const json = encodePayload(payload, own);
    expect(json).toBe(
      `{"v":1,"t":"外婆 garden","m":["calm"],"g":[[],"${fields(3).tags.hlc}"],"p":[false,"${fields(3).private.hlc}"],"w":["2026-05-01T08:00:00+08:00","${fields(3).writtenAt.hlc}"]}`,
    );
    expect(decodePayload(json, own)).toEqual(payload);
  });
});
