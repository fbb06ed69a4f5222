import { systemClock } from '../clock.ts';
import type { MemoryLibraryDb } from '../db/database.ts';
import type { BackupMessage } from './backup.svelte.ts';
import type { I18nState } from './i18n.svelte.ts';

export type TrainingSet = 'fine-tuning' | 'preference';

/** Settings' "For training models": builds a dataset on the device and hands it to downloads. */
export class TrainingExportState {
  #db: MemoryLibraryDb;
  #i18n: I18nState;
  #busy = $state(false);
  #message = $state.raw<BackupMessage | undefined>();

  constructor(db: MemoryLibraryDb, i18n: I18nState) {
    this.#db = db;
    this.#i18n = i18n;
  }

  get busy(): boolean {
    return this.#busy;
  }
  get message(): BackupMessage | undefined {
    return this.#message;
  }

  async export(set: TrainingSet, now = systemClock()): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    this.#message = undefined;
    try {
      // Only this button needs the builders: they load when it is pressed.
      const [{ buildFineTuningJsonl, buildPreferenceJsonl }, { downloadFile }] = await Promise.all([
        import('../backup/training-export.ts'),
        import('../backup/download.ts'),
      ]);
      const built =
        set === 'fine-tuning'
          ? await buildFineTuningJsonl(this.#db)
          : await buildPreferenceJsonl(this.#db);
      const day = now.toISOString().slice(0, 10);
      downloadFile(built.text, `memory-library-${set}-${day}.jsonl`, 'application/jsonl');
      this.#message = {
        kind: 'ok',
        text: this.#i18n.t('training.exported', { count: built.count }),
      };
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.#message = { kind: 'error', text: this.#i18n.t('training.failed', { reason }) };
    } finally {
      this.#busy = false;
    }
  }
}
