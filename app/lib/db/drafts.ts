import type { Draft, DraftFields, MemoryLibraryDb } from './database.ts';

/** The Write page's draft; editing a memory keeps its own (editDraftId). */
export const WRITE_DRAFT_ID = 'write';

/** The draft of an edit of memory `memoryId`, kept apart from the Write page's. */
export function editDraftId(memoryId: string): string {
  return `edit:${memoryId}`;
}

export async function saveDraft(
  db: MemoryLibraryDb,
  text: string,
  now: Date,
  id = WRITE_DRAFT_ID,
  fields?: DraftFields,
): Promise<void> {
  const hasFields =
    fields !== undefined &&
    (fields.when !== '' || fields.mood !== null || fields.tags !== '' || fields.isPrivate);
  // An empty draft is no draft: deleting keeps "restore on load" simple.
  if (text.length === 0 && !hasFields) {
    await db.drafts.delete(id);
    return;
  }
  await db.drafts.put({
    id,
    text,
    updatedAt: now.toISOString(),
    ...(hasFields ? { fields: { ...fields } } : {}),
  });
}

export async function loadDraft(
  db: MemoryLibraryDb,
  id = WRITE_DRAFT_ID,
): Promise<Draft | undefined> {
  return db.drafts.get(id);
}

export async function clearDraft(db: MemoryLibraryDb, id = WRITE_DRAFT_ID): Promise<void> {
  await db.drafts.delete(id);
}
