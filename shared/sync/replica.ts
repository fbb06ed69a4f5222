import { headsOf, mergeBase, type GraphNode } from './graph.ts';
import { mergeFields } from './lww.ts';
import { mergeLines } from './merge3.ts';
import type { FieldName, Fields, FieldValues, RevisionPayload } from './payload.ts';

/**
 * A device's decrypted revisions and what a person sees of each entry. Pure: the app keeps the
 * same data in Dexie; the simulation keeps it in memory. The view depends only on the set of
 * revisions, never on the order they arrived in (SYNC-14).
 */

export interface LocalRevision extends GraphNode {
  entryId: string;
  deviceId: string;
  payload: RevisionPayload;
}

/** entryId → revId → revision. Treated as immutable: updates return new maps. */
export type Replica = ReadonlyMap<string, ReadonlyMap<string, LocalRevision>>;

export interface EntryView {
  entryId: string;
  /** Head revIds in (hlc, revId) order. */
  heads: string[];
  /** The merged text; during a conflict, the latest head's (and `conflict` lists all). */
  text: string;
  /** Set when heads changed the same lines: every version, until the person chooses (SYNC-12). */
  conflict: { versions: { revId: string; deviceId: string; text: string }[] } | null;
  fields: Fields;
  isDeleted: boolean;
  /** A delete met a concurrent edit: the memory was kept, and the app says so (SYNC-14). */
  isDeleteOverridden: boolean;
}

/** Adds revisions not yet known (by revId); returns the new replica and the entries touched. */
export function applyRemoteRevisions(
  replica: Replica,
  revisions: Iterable<LocalRevision>,
): { replica: Replica; changedEntryIds: string[] } {
  const next = new Map(replica);
  const changed = new Set<string>();
  for (const revision of revisions) {
    const entry = next.get(revision.entryId);
    if (entry?.has(revision.revId)) continue;
    const copy = changed.has(revision.entryId)
      ? (entry as Map<string, LocalRevision>)
      : new Map(entry);
    copy.set(revision.revId, revision);
    next.set(revision.entryId, copy);
    changed.add(revision.entryId);
  }
  return { replica: next, changedEntryIds: [...changed].sort() };
}

export function viewEntry(
  entryId: string,
  revisions: ReadonlyMap<string, LocalRevision>,
): EntryView {
  const heads = headsOf(revisions.values());
  const [first] = heads;
  if (!first) throw new Error('an entry without revisions');
  const latest = heads[heads.length - 1] as LocalRevision;
  const merged = mergeHeadTexts(heads, revisions);
  const deletedHeads = heads.filter((head) => head.payload.fields.deleted.value);
  const isDeleted = deletedHeads.length === heads.length;
  const fields = mergeFields(heads.map((head) => head.payload.fields));
  if (!isDeleted && fields.deleted.value) {
    // A delete never beats a concurrent edit: the kept state carries the latest "not deleted".
    const kept = heads.filter((head) => !head.payload.fields.deleted.value);
    fields.deleted = mergeFields(kept.map((head) => head.payload.fields)).deleted;
  }
  return {
    entryId,
    heads: heads.map((head) => head.revId),
    text: merged ?? latest.payload.text,
    conflict:
      merged === null
        ? {
            versions: heads.map((head) => ({
              revId: head.revId,
              deviceId: head.deviceId,
              text: head.payload.text,
            })),
          }
        : null,
    fields,
    isDeleted,
    isDeleteOverridden: deletedHeads.length > 0 && !isDeleted,
  };
}

/** Folds the heads into one text with three-way merges, or null when any two collide. */
function mergeHeadTexts(
  heads: readonly LocalRevision[],
  byId: ReadonlyMap<string, LocalRevision>,
): string | null {
  const [first, ...rest] = heads as [LocalRevision, ...LocalRevision[]];
  let text = first.payload.text;
  for (const head of rest) {
    const base = mergeBase(first.revId, head.revId, byId);
    const result = mergeLines(base?.payload.text ?? '', text, head.payload.text);
    if (!result.ok) return null;
    text = result.text;
  }
  return text;
}

export interface Edit {
  entryId: string;
  revId: string;
  deviceId: string;
  hlc: string;
  /** Required while the entry is in conflict: writing it is the person's choice (SYNC-12). */
  text?: string;
  fields?: Partial<FieldValues>;
}

/**
 * A new revision on top of every current head (so it also closes a conflict), changing only
 * what `edit` names; unchanged fields keep their stamps (SYNC-13).
 */
export function reviseEntry(current: EntryView | null, edit: Edit): LocalRevision {
  if (current?.conflict && edit.text === undefined) {
    throw new Error('choose or combine the versions before editing this memory');
  }
  const fields: Fields = current
    ? { ...current.fields }
    : {
        mood: { value: null, hlc: edit.hlc },
        tags: { value: [], hlc: edit.hlc },
        private: { value: false, hlc: edit.hlc },
        deleted: { value: false, hlc: edit.hlc },
        writtenAt: { value: null, hlc: edit.hlc },
      };
  for (const [name, value] of Object.entries(edit.fields ?? {}) as [FieldName, never][]) {
    (fields as Record<FieldName, unknown>)[name] = { value, hlc: edit.hlc };
  }
  const [parent = null, ...merged] = current?.heads ?? [];
  return {
    entryId: edit.entryId,
    revId: edit.revId,
    parentRevId: parent,
    ...(merged.length > 0 ? { mergedRevIds: merged } : {}),
    deviceId: edit.deviceId,
    hlc: edit.hlc,
    payload: { v: 1, text: edit.text ?? current?.text ?? '', fields },
  };
}
