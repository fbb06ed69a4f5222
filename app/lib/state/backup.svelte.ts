import { systemClock } from '../clock.ts';
import type { MemoryLibraryDb } from '../db/database.ts';
import type { I18nState } from './i18n.svelte.ts';
import type { MemoriesState } from './memories.svelte.ts';

export type BackupFormat = 'json' | 'jsonl' | 'markdown';

export interface BackupMessage {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * Export and import in Settings. The code that reads and writes files (zod, fflate) loads only
 * when the person presses a button; nothing is written unless the whole file made sense.
 */
export class BackupState {
  #db: MemoryLibraryDb;
  #memories: MemoriesState;
  #i18n: I18nState;
  #busy = $state(false);
  #messages = $state.raw<BackupMessage[]>([]);

  constructor(db: MemoryLibraryDb, memories: MemoriesState, i18n: I18nState) {
    this.#db = db;
    this.#memories = memories;
    this.#i18n = i18n;
  }

  get busy(): boolean {
    return this.#busy;
  }

  get messages(): readonly BackupMessage[] {
    return this.#messages;
  }

  async export(format: BackupFormat, now = systemClock()): Promise<void> {
    await this.#run(async () => {
      const { buildBackup, buildJsonl, buildMarkdownZip } = await import('../backup/export.ts');
      const { downloadFile } = await import('../backup/download.ts');
      const day = now.toISOString().slice(0, 10);
      let count: number;
      if (format === 'json') {
        const backup = await buildBackup(this.#db, now);
        count = backup.memories.filter((memory) => !memory.deletedAt).length;
        downloadFile(
          JSON.stringify(backup, null, 1),
          `memory-library-${day}.json`,
          'application/json',
        );
      } else if (format === 'jsonl') {
        const jsonl = await buildJsonl(this.#db);
        count = jsonl.count;
        downloadFile(jsonl.text, `memory-library-${day}.jsonl`, 'application/jsonl');
      } else {
        const zip = await buildMarkdownZip(this.#db);
        count = zip.count;
        downloadFile(zip.data, `memory-library-${day}-markdown.zip`, 'application/zip');
      }
      return [{ kind: 'ok', text: this.#i18n.t('backup.exported', { count }) }];
    });
  }

  async import(file: File, now = systemClock()): Promise<void> {
    await this.#run(async () => {
      const [{ parseImportFile }, { importBackup, importJsonl }] = await Promise.all([
        import('../backup/parse.ts'),
        import('../backup/apply.ts'),
      ]);
      const parsed = parseImportFile(await file.text());
      const t = this.#i18n.t.bind(this.#i18n);
      if (parsed.kind === 'refused') {
        const reason = t(`backup.${parsed.reason}`, { detail: parsed.detail ?? '' });
        return [{ kind: 'error', text: t('backup.refused', { reason }) }];
      }
      const counts =
        parsed.kind === 'backup'
          ? await importBackup(this.#db, parsed.backup, now)
          : await importJsonl(this.#db, parsed.lines, now);
      await this.#memories.reload();
      const messages: BackupMessage[] = [{ kind: 'ok', text: t('backup.imported', { ...counts }) }];
      if (parsed.kind === 'jsonl' && parsed.badLines.length > 0) {
        messages.push({
          kind: 'error',
          text: t('backup.badLines', { lines: parsed.badLines.join(', ') }),
        });
      }
      return messages;
    });
  }

  async #run(action: () => Promise<BackupMessage[]>): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    this.#messages = [];
    try {
      this.#messages = await action();
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.#messages = [{ kind: 'error', text: this.#i18n.t('backup.failed', { reason }) }];
    } finally {
      this.#busy = false;
    }
  }
}
