import {
  BackupSchema,
  JsonlMemorySchema,
  type Backup,
  type JsonlMemory,
} from '#shared/backup-format';

/** A JSONL line that could be read, with its 1-based number in the file. */
export interface JsonlLine {
  line: number;
  memory: JsonlMemory;
}

export type RefusalReason = 'notOurs' | 'empty' | 'corrupt';

export type ParsedImport =
  | { kind: 'backup'; backup: Backup }
  | { kind: 'jsonl'; lines: JsonlLine[]; badLines: number[] }
  | { kind: 'refused'; reason: RefusalReason; detail?: string };

/**
 * Reads an import file without touching the database: a full backup (one JSON document with our
 * format marker) or JSONL (§7a). A file that is neither is refused as a whole; in JSONL, lines that
 * cannot be read are reported by number and skipped, as long as at least one line is a memory.
 */
export function parseImportFile(text: string): ParsedImport {
  const trimmed = text.replace(/^\uFEFF/u, '').trim();
  if (trimmed === '') return { kind: 'refused', reason: 'empty' };

  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  if (isRecord(whole) && 'format' in whole) {
    const parsed = BackupSchema.safeParse(whole);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        kind: 'refused',
        reason: 'corrupt',
        detail: issue ? `${issue.path.join('.')}: ${issue.message}` : '',
      };
    }
    return { kind: 'backup', backup: parsed.data };
  }
  // A single JSON document that is not a memory line (a package.json, a photo's metadata): not ours.
  if (whole !== undefined && !(isRecord(whole) && 'text' in whole)) {
    return { kind: 'refused', reason: 'notOurs' };
  }

  const lines: JsonlLine[] = [];
  const badLines: number[] = [];
  trimmed.split(/\r?\n/u).forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      badLines.push(index + 1);
      return;
    }
    const parsed = JsonlMemorySchema.safeParse(value);
    if (parsed.success) lines.push({ line: index + 1, memory: parsed.data });
    else badLines.push(index + 1);
  });
  if (lines.length === 0) return { kind: 'refused', reason: 'notOurs' };
  return { kind: 'jsonl', lines, badLines };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
