import { dateOf, systemClock } from '../clock.ts';
import type { DeviceCredentials } from '#shared/devices';
import type { RelatedCard } from '#shared/librarian';
import type { ApiClient } from '../api/client.ts';
import type { ApiResult } from '../api/result.ts';
import { createLazyApiClient } from '../api/lazy-client.ts';
import { toLocalIsoString } from '#shared/local-time';
import { parseTags } from '#shared/moods';
import {
  createDatabase,
  type DraftFields,
  type Memory,
  type MemoryLibraryDb,
} from '../db/database.ts';
import type { MemoryFields } from '../db/memories.ts';
import { newId } from '../db/ids.ts';
import { clearPendingSave, notePendingSave, readPendingSaves } from '../db/pending-save.ts';
import { isConnectionLost, storageErrorKey } from '../i18n/describe-error.ts';
import type { Locale } from '../i18n/index.ts';
import { afterNextPaint, whenIdleInTurn } from '../when-idle.ts';
import { InstallState } from './install.svelte.ts';
import { StorageState } from './storage.svelte.ts';
import { ConnectivityState } from './connectivity.svelte.ts';
import { DeviceState } from './device.svelte.ts';
import { DevicesState } from './devices.svelte.ts';
import { DraftState } from './draft.svelte.ts';
import { I18nState } from './i18n.svelte.ts';
import { LibrarianState } from './librarian.svelte.ts';
import { MemoriesState } from './memories.svelte.ts';
import { SyncStatusState } from './sync-status.svelte.ts';
import { UpdateState } from './update.svelte.ts';
import { UsageState } from './usage.svelte.ts';
import type { SyncEngine } from '../sync/engine.ts';

export type SaveOutcome = { ok: true; memory: Memory } | { ok: false; reason: string };

/**
 * All of the app's state, made once by the root layout. Each part has one job; this class only
 * wires them together and runs the few flows that cross parts (start-up, saving a memory).
 */
export class AppState {
  readonly db: MemoryLibraryDb;
  readonly api: ApiClient;
  readonly i18n: I18nState;
  readonly connectivity = new ConnectivityState();
  readonly syncStatus = new SyncStatusState();
  readonly memories: MemoriesState;
  readonly draft: DraftState;
  readonly device: DeviceState;
  readonly devices: DevicesState;
  readonly usage: UsageState;
  readonly librarian: LibrarianState;
  readonly update = new UpdateState();
  readonly storage: StorageState;
  readonly install: InstallState;
  #ready = $state(false);
  #storageFailed = $state(false);
  #stops: (() => void)[] = [];
  #stopped = false;
  #sync: SyncEngine | undefined;
  /** Memories the on-device librarian is shelving now, so the AI is asked only after. */
  // Bookkeeping read only by the librarian's queue, never shown: no reactivity wanted.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #deviceShelving = new Map<string, Promise<void>>();

  /** `locale`: the language of the first paint, its dictionary already loaded. */
  constructor(options: { db?: MemoryLibraryDb; api?: ApiClient; locale?: Locale } = {}) {
    this.db = options.db ?? createDatabase();
    this.api = options.api ?? createLazyApiClient();
    this.storage = new StorageState(this.db);
    this.install = new InstallState(this.db);
    this.i18n = new I18nState(this.db, options.locale);
    this.memories = new MemoriesState(this.db);
    this.draft = new DraftState(this.db);
    this.device = new DeviceState(this.db, this.api);
    this.devices = new DevicesState(this.api, this.device);
    this.usage = new UsageState(this.api, this.device);
    this.librarian = new LibrarianState({
      db: this.db,
      api: this.api,
      device: this.device,
      isOnline: () => this.connectivity.online,
      deviceShelving: (id) => this.#deviceShelving.get(id),
      onMemoryUpdated: (memory) => {
        this.memories.replace(memory);
        // Each reply spends ink: read the budget again for Settings and the reply region.
        this.usage.spent();
        void this.usage.refresh();
      },
      relatedCards: (memory) => this.relatedCards(memory),
      ink: this.usage,
    });
  }

  /** Compact cards of a memory's related memories, for a request to the AI (never whole texts). */
  async relatedCards(memory: Memory): Promise<RelatedCard[]> {
    const { relatedCardsFor } = await import('../librarian/device-librarian.ts');
    return relatedCardsFor(this.db, memory, (id) => this.memories.find(id));
  }

  /** True once the language, memories and draft are loaded from IndexedDB (or that failed). */
  get ready(): boolean {
    return this.#ready;
  }

  /** True when this browser would not open the database (storage blocked, private mode). */
  get storageFailed(): boolean {
    return this.#storageFailed;
  }

  /**
   * Load what the first screen needs, then reach for the server in the background.
   * `takeTypedEarly`: what the person typed on the Write page while this was loading.
   */
  async start(url: URL, takeTypedEarly: () => string = () => ''): Promise<void> {
    // The benchmarks read app-start → app-ready → timeline-rows (bench/timeline-startup.js).
    performance.mark?.('app-start');
    this.#stops.push(
      this.connectivity.start((online) => {
        this.syncStatus.connectivityChanged(online);
        if (online) void this.#reachServer();
        else void this.librarian.checkHealth();
      }),
    );
    this.syncStatus.reset(this.connectivity.online);
    this.#stops.push(
      // Another page of this browser joined a library, registered or was signed out.
      this.device.watchOtherPages(() => {
        this.devices.reset();
        void this.librarian.flush();
        void this.syncNow();
      }),
    );
    // One round of reads. The memories and the draft wait for saves a killed page left to
    // finish: such a save clears the draft, which must not come back beside its memory.
    await Promise.all([
      this.i18n.load(url),
      this.device.load(),
      this.#finishPendingSaves().then(() => Promise.all([this.memories.load(), this.draft.load()])),
    ]);
    // In the same tick as `ready`: the page switches from its early words to the draft at once.
    const typed = takeTypedEarly();
    if (typed !== '') this.draft.keepTypedBeforeLoad(typed);
    this.#ready = true;
    performance.mark?.('app-ready');
    this.#watchVisibility();
    this.#stops.push(this.install.start());
    // After the first screen: the rest of the memories (once it is painted: reading thousands
    // holds the main thread); then, each at a quiet moment of its own, the Trash's 30 days and
    // the storage estimate while the devices' client (zod, its schemas) is evaluated, the server
    // (health, registration), sync's wire schemas, and sync. Evaluated together, the code of
    // the last three was one long task; a join made meanwhile wins over the registration
    // (DeviceState).
    afterNextPaint(() => void this.memories.loadAll());
    const unlessStopped = (step: () => unknown) => () => (this.#stopped ? undefined : step());
    whenIdleInTurn([
      // zod's first use (its code compiled, its classes set up), with the smallest schema.
      unlessStopped(() => import('#shared/errors')),
      unlessStopped(() => {
        void import('../db/trash.ts')
          .then(({ purgeTrash }) => purgeTrash(this.db, systemClock()))
          .catch(() => undefined);
        void this.storage.refresh();
        return import('../api/devices-client.ts');
      }),
      unlessStopped(() => void this.#reachServer()),
      unlessStopped(() => import('../sync/transport.ts')),
      unlessStopped(() => this.#startSync()),
    ]);
  }

  /**
   * The sync engine, loaded after the first screen (it carries crypto, zod and the replica
   * rules). It runs at once, then on its own triggers (online, visible, new key, each save); a
   * push that cannot happen now is left to Background Sync, which may ask this page (SYNC-21).
   */
  async #startSync(): Promise<void> {
    const [{ SyncEngine }, background] = await Promise.all([
      import('../sync/engine.ts'),
      import('../sync/background-sync.ts'),
    ]);
    const engine = new SyncEngine({
      db: this.db,
      isOnline: () => this.connectivity.online,
      onReport: (report) => this.syncStatus.syncReported(report),
      onMemoriesChanged: (changed, created) => void this.#pulledIn(changed, created),
      onTokenRefused: (token) => void this.device.tokenRefused(token),
      onPushDeferred: () => void background.requestBackgroundSync(),
    });
    this.#sync = engine;
    this.#stops.push(engine.start());
    this.#stops.push(
      background.answerWorkerSyncRequests(async () => {
        await engine.sync();
        return engine.report.blocker;
      }),
    );
  }

  /** Sync now (Settings' button, a new device registration). */
  async syncNow(): Promise<void> {
    await this.#sync?.sync();
  }

  /** Memories that came from other devices: shown at once, shelved on this device, then asked. */
  async #pulledIn(changed: Memory[], created: Memory[]): Promise<void> {
    for (const memory of changed) this.memories.replace(memory);
    const fresh = created.filter((memory) => memory.deletedAt === null);
    if (fresh.length > 0) {
      try {
        const { shelveOnDevice } = await import('../librarian/device-librarian.ts');
        for (const memory of fresh) {
          const shelved = await shelveOnDevice(this.db, memory, systemClock(), (id) =>
            this.memories.find(id),
          );
          if (shelved) this.memories.replace(shelved);
        }
      } catch {
        // The device's guess is a bonus; the AI librarian still reads them.
      }
    }
    void this.librarian.flush();
  }

  stop(): void {
    this.#stopped = true;
    for (const stop of this.#stops.splice(0)) stop();
    this.librarian.stop();
  }

  /** Save the Write page's text as a memory, then hand it to the librarian. */
  async saveMemory(): Promise<SaveOutcome> {
    const text = this.draft.text;
    if (this.draft.isBlank) return { ok: false, reason: this.i18n.t('write.emptyHint') };
    this.draft.cancelAutosave();
    this.syncStatus.saveStarted();
    // Noted synchronously, before any await: a page killed right after Save loses nothing.
    const pending = {
      id: newId(),
      text,
      fields: draftToFields(this.draft.fields),
      at: systemClock().toISOString(),
    };
    notePendingSave(pending);
    // Claimed before the memory exists: a flush already running may find it queued the moment the
    // save commits, and must wait for the device's guess (see #shelveThenAsk).
    let shelvingDone!: () => void;
    this.#deviceShelving.set(pending.id, new Promise((resolve) => (shelvingDone = resolve)));
    let memory: Memory;
    try {
      // An autosave already started must land before the save clears the draft.
      await this.draft.settled();
      memory = await this.memories.save(text, pending.fields, dateOf(pending.at), pending.id);
      clearPendingSave(pending.id);
    } catch (error) {
      clearPendingSave(pending.id);
      this.#deviceShelving.delete(pending.id);
      shelvingDone();
      this.syncStatus.saveFinished(false, this.connectivity.online);
      const reason = await this.#storageFailure(error);
      this.draft.saveFailed();
      return { ok: false, reason };
    }
    this.syncStatus.saveFinished(true, this.connectivity.online);
    this.draft.saved(text);
    void this.storage.memorySaved();
    void this.#shelveThenAsk(memory, shelvingDone);
    return { ok: true, memory };
  }

  /**
   * The on-device librarian shelves the memory at once (no network), then the AI librarian is
   * asked. In this order, so the AI's card always lands on top of the device's guess.
   */
  async #shelveThenAsk(memory: Memory, shelvingDone: () => void): Promise<void> {
    const shelved = await this.#shelveOnDevice(memory);
    this.#deviceShelving.delete(memory.id);
    shelvingDone();
    await this.librarian.memorySaved(shelved ?? memory);
  }

  async #shelveOnDevice(memory: Memory): Promise<Memory | undefined> {
    try {
      const { shelveOnDevice } = await import('../librarian/device-librarian.ts');
      const shelved = await shelveOnDevice(this.db, memory, systemClock(), (id) =>
        this.memories.find(id),
      );
      if (shelved) this.memories.replace(shelved);
      return shelved;
    } catch {
      // The guess is a bonus: the memory is saved, and the AI librarian still reads it.
      return undefined;
    }
  }

  /** Saves noted before the page died: finish them, so the memory is there after all. */
  async #finishPendingSaves(): Promise<void> {
    for (const pending of readPendingSaves()) {
      try {
        await this.memories.save(pending.text, pending.fields, dateOf(pending.at), pending.id);
        clearPendingSave(pending.id);
      } catch {
        // Storage still failing: keep the note for the next start.
      }
    }
  }

  /**
   * Words for a failed write, and a fresh connection when the browser dropped the old one (Safari
   * does when the app sits in the background), so that pressing Save again works.
   */
  async #storageFailure(error: unknown): Promise<string> {
    if (isConnectionLost(error)) {
      try {
        this.db.close({ disableAutoOpen: false });
        await this.db.open();
      } catch {
        // Still closed: the next attempt says so again.
      }
    }
    const { key, detail } = storageErrorKey(error);
    return this.i18n.t(key, { detail });
  }

  /** Join a library with a pairing code; the queue then goes to that library's librarian. */
  async pairWithCode(code: string): Promise<ApiResult<DeviceCredentials>> {
    const result = await this.device.pair(code);
    if (result.ok) {
      this.devices.reset();
      void this.librarian.flush();
      void this.syncNow();
    }
    return result;
  }

  /** After being signed out, start a new library of this device's own. */
  async startNewLibrary(): Promise<boolean> {
    const started = await this.device.startNewLibrary();
    if (started) {
      void this.librarian.flush();
      void this.syncNow();
    }
    return started;
  }

  /** The person typed an invite code: join the library, then let the librarian read the queue. */
  async joinWithInvite(code: string): Promise<boolean> {
    const joined = await this.device.submitInvite(code);
    if (joined) {
      void this.librarian.flush();
      void this.syncNow();
    }
    return joined;
  }

  async #reachServer(): Promise<void> {
    if (!this.connectivity.online) {
      await this.librarian.checkHealth();
      return;
    }
    const availability = await this.librarian.checkHealth();
    if (availability === 'unreachable') return;
    await this.device.ensureRegistered();
    await Promise.all([this.librarian.flush(), this.syncNow()]);
  }

  #watchVisibility(): void {
    const onChange = () => {
      if (document.visibilityState === 'hidden') void this.draft.flush();
      // Coming back to the app is a good moment to hand waiting memories to the librarian.
      else if (this.connectivity.online) void this.librarian.flush();
    };
    // pagehide also covers a tab closed on iOS, where visibilitychange may not fire.
    const onPageHide = () => void this.draft.flush();
    document.addEventListener('visibilitychange', onChange);
    window.addEventListener('pagehide', onPageHide);
    this.#stops.push(() => {
      document.removeEventListener('visibilitychange', onChange);
      window.removeEventListener('pagehide', onPageHide);
    });
  }
}

/** The Write page's details as a memory's fields: '' means "now", tags split as typed. */
export function draftToFields(fields: DraftFields): MemoryFields {
  const result: MemoryFields = {
    mood: fields.mood,
    tags: parseTags(fields.tags),
    isPrivate: fields.isPrivate,
  };
  if (fields.when !== '') {
    const date = dateOf(fields.when);
    if (!Number.isNaN(date.getTime())) result.writtenAt = toLocalIsoString(date);
  }
  return result;
}
