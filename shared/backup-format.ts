import { z } from 'zod';

/**
 * The file formats of export and import. JSONL is a contract (DESIGN.md §7a): one memory per
 * line, unknown fields ignored. The full backup is the app's own: everything, for a restore.
 */

const isoWithOffset = z.iso.datetime({ offset: true, local: false });

/** One JSONL line (§7a). `catalog` is written on export and read back when it is valid. */
export const JsonlMemorySchema = z.object({
  id: z.string().trim().min(1).max(200).optional(),
  writtenAt: isoWithOffset.optional(),
  text: z.string().refine((text) => text.trim().length > 0, 'text is empty'),
  lang: z.enum(['zh', 'en', 'mixed']).optional(),
  mood: z.string().max(40).optional(),
  tags: z.array(z.string().max(200)).max(100).optional(),
  private: z.boolean().optional(),
  catalog: z.unknown().optional(),
});
export type JsonlMemory = z.infer<typeof JsonlMemorySchema>;

export const BACKUP_FORMAT = 'memory-library-backup';

const MemoryRowSchema = z.looseObject({
  id: z.string().min(1),
  text: z.string(),
  writtenAt: isoWithOffset,
  createdAt: z.string(),
  headRevId: z.string().min(1),
  updatedAt: z.string(),
  tags: z.array(z.string()),
  isPrivate: z.boolean(),
  deletedAt: z.string().nullable(),
});

const RevisionRowSchema = z.looseObject({
  revId: z.string().min(1),
  entryId: z.string().min(1),
  parentRevId: z.string().nullable(),
  deviceId: z.string(),
  text: z.string(),
  writtenAt: isoWithOffset,
  tags: z.array(z.string()),
  isPrivate: z.boolean(),
  createdAt: z.string(),
  createdAtMs: z.number(),
});

const ShelfRowSchema = z.looseObject({
  id: z.string(),
  hall: z.string(),
  slug: z.string(),
  name: z.string(),
  lastSequence: z.number().int().nonnegative(),
});

const PlaceSchema = z.object({ hall: z.string(), shelf: z.string() });

const NoteRowSchema = z.looseObject({
  id: z.string().min(1),
  text: z.string().min(1).max(200),
  status: z.enum(['proposed', 'kept', 'dismissed']),
  sourceEntryId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(
    z.object({
      text: z.string(),
      at: z.string(),
      action: z.enum(['proposed', 'accepted', 'edited', 'dismissed', 'restored']),
    }),
  ),
});

const CorrectionRowSchema = z.looseObject({
  kind: z.enum(['move', 'rename-shelf', 'merge-shelves']),
  entryId: z.string().nullable(),
  from: PlaceSchema,
  to: PlaceSchema,
  at: z.string(),
});

export const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  memories: z.array(MemoryRowSchema),
  revisions: z.array(RevisionRowSchema),
  shelves: z.array(ShelfRowSchema),
  /** The librarian's notebook: every note with its history (older backups have none). */
  notebook: z.array(NoteRowSchema),
  /** The person's corrections of the librarian's shelving (absent from older backups). */
  corrections: z.array(CorrectionRowSchema).default([]),
  settings: z.object({ language: z.enum(['en', 'zh']).optional() }),
});
export type Backup = z.infer<typeof BackupSchema>;
