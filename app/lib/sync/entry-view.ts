import { detectLanguage } from '#shared/detect-language';
import type { MoodId } from '#shared/moods';
import { parseHlc } from '#shared/sync/hlc';
import { viewEntry, type EntryView, type LocalRevision } from '#shared/sync/replica';
import type { Memory, Revision } from '../db/database.ts';
import type { FieldStamps } from '../db/sync-tables.ts';
import { monthDayOf } from '../db/upgrade-v2.ts';
import { toLocalRevision } from './revision-codec.ts';

/**
 * What a person sees of an entry, from all of its revisions (SYNC-11 … SYNC-14): the replica
 * rules of shared/sync/replica.ts over the rows Dexie holds.
 */
export function viewOfRevisions(entryId: string, revisions: readonly Revision[]): EntryView {
  const byId = new Map<string, LocalRevision>();
  for (const revision of revisions) byId.set(revision.revId, toLocalRevision(revision));
  return viewEntry(entryId, byId);
}

/**
 * The memory row for a view: content and sync fields from the revisions, the librarian's work
 * from the row already here. Text that changed goes back to the librarian, as after an edit.
 */
export function memoryFromView(
  view: EntryView,
  revisions: readonly Revision[],
  existing: Memory | undefined,
): Memory {
  const byId = new Map(revisions.map((revision) => [revision.revId, revision]));
  const latest = byId.get(view.heads[view.heads.length - 1] as string) as Revision;
  const root = revisions.reduce((first, revision) =>
    revision.createdAtMs < first.createdAtMs ? revision : first,
  );
  const { fields } = view;
  const writtenAt = fields.writtenAt.value ?? existing?.writtenAt ?? latest.writtenAt;
  const textChanged = existing?.text !== view.text;
  const isPrivate = fields.private.value;
  const stamps: FieldStamps = {
    mood: fields.mood.hlc,
    tags: fields.tags.hlc,
    private: fields.private.hlc,
    deleted: fields.deleted.hlc,
    writtenAt: fields.writtenAt.hlc,
  };
  const deletedAtMs = view.isDeleted
    ? (existing?.deletedAtMs ?? parseHlc(fields.deleted.hlc).ms)
    : undefined;
  const base: Memory = {
    id: view.entryId,
    text: view.text,
    lang: textChanged ? detectLanguage(view.text) : (existing?.lang ?? detectLanguage(view.text)),
    writtenAt,
    writtenAtMs: Date.parse(writtenAt),
    createdAt: existing?.createdAt ?? root.createdAt,
    librarianStatus: !existing || (textChanged && !isPrivate) ? 'queued' : existing.librarianStatus,
    catalog: existing?.catalog ?? null,
    reply: existing?.reply ?? null,
    reasoning: existing?.reasoning ?? null,
    usage: existing?.usage ?? null,
    model: existing?.model ?? null,
    promptVersion: existing?.promptVersion ?? null,
    librarianError: existing?.librarianError ?? null,
    headRevId: latest.revId,
    updatedAt: latest.createdAt,
    mood: fields.mood.value as MoodId | null,
    tags: fields.tags.value,
    isPrivate,
    deletedAt: deletedAtMs === undefined ? null : new Date(deletedAtMs).toISOString(),
    monthDay: monthDayOf(writtenAt),
    stamps,
  };
  if (deletedAtMs !== undefined) base.deletedAtMs = deletedAtMs;
  if (view.heads.length > 1) base.headRevIds = view.heads;
  if (view.conflict) base.hasConflict = true;
  if (view.isDeleteOverridden) base.isDeleteOverridden = true;
  return base;
}
