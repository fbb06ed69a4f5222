import { DecryptionError } from '#shared/sync/crypto';
import { digestRevIds } from '#shared/sync/digest';
import { clockOffset, receive } from '#shared/sync/hlc';
import type { ApiError } from '../api/result.ts';
import { loadCredentials } from '../db/credentials.ts';
import type { Memory, MemoryLibraryDb, Revision } from '../db/database.ts';
import { ensureLocalDeviceId } from '../db/device-id.ts';
import { writeTables } from '../db/memories.ts';
import { readSyncClock, writeSyncClock } from '../db/sync-outbox.ts';
import { applyPulledRevisions } from './apply-pulled.ts';
import { loadLibraryKey } from './keys/library-key.ts';
import { outcomeOf, withSyncLock } from './outbox-sync.ts';
import { outboxReusesSeenIds, pushOutbox, SyncFailure, type PushSession } from './outbox-push.ts';
import { openRevision } from './revision-codec.ts';
import { mirrorWaiting, readSyncState, readWaitingMirror, writeSyncState } from './sync-state.ts';
import { IDLE_REPORT, type SyncBlocker, type SyncNotice, type SyncReport } from './sync-report.ts';
import { createSyncTransport, type SyncTransport } from './transport.ts';

const PULL_LIMIT = 200;
const BACKOFF_MS = [2_000, 5_000, 15_000, 60_000, 300_000];
/** While the app is visible, other devices' changes are fetched this often without a trigger. */
const POLL_MS = 30_000;

export interface SyncEngineOptions {
  db: MemoryLibraryDb;
  /** The HTTP side; tests put the real server rules behind a `fetch` here. */
  transportFor?: (token: string) => SyncTransport;
  isOnline?: () => boolean;
  onReport?: (report: SyncReport) => void;
  /** Memory rows written from pulled revisions, and which of them are new here. */
  onMemoriesChanged?: (changed: Memory[], created: Memory[]) => void;
  /** The server answered 401: the device was revoked (DeviceState forgets the token). */
  onTokenRefused?: (token: string) => void;
  /**
   * Rows wait and this push could not happen (offline, or it failed): the app registers a
   * Background Sync, so they go even if the page is closed first (SYNC-21).
   */
  onPushDeferred?: () => void;
}

type Session = PushSession;

/**
 * The device side of sync (SYNC-10 … SYNC-15a): push the outbox, pull from the cursor into
 * Dexie, compare digests, reconcile on a mismatch. One cycle at a time; a trigger during a
 * cycle runs one more after it. Failures back off; `online`, becoming visible, a new library
 * key, every outbox write and, while visible, a slow poll start a cycle.
 */
export class SyncEngine {
  #options: SyncEngineOptions;
  #db: MemoryLibraryDb;
  #running: Promise<void> | null = null;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #report: SyncReport = IDLE_REPORT;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
    this.#db = options.db;
  }

  get report(): SyncReport {
    return this.#report;
  }

  /** Runs a cycle now, or once more after the running one. Never rejects. */
  sync(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    clearTimeout(this.#timer);
    this.#running = (async () => {
      do {
        this.#again = false;
        // SYNC-21: never beside the service worker's Background Sync push.
        await withSyncLock(() => this.#cycleSafely());
      } while (this.#again);
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** A sync shortly: saves come in bursts, and one push carries them all. */
  soon(delayMs = 1_500): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.sync(), delayMs);
  }

  /**
   * A new library key (`library-key-changed`): revisions that would not decrypt under the old
   * one are pulled again, then a cycle runs at once.
   */
  async keyChanged(): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', db.syncPulled, db.kv, async () => {
      const unreadable = await db.syncPulled.filter((row) => row.isUnreadable === true).count();
      if (unreadable === 0) return;
      await db.syncPulled.filter((row) => row.isUnreadable === true).delete();
      await writeSyncState(db, { ...(await readSyncState(db)), cursor: 0 });
    });
    await this.sync();
  }

  /** Listens for the triggers; returns a function that stops. */
  start(): () => void {
    const onOnline = () => void this.sync();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.sync();
    };
    const onKey = () => void this.keyChanged();
    const onQueued = () => {
      // Waiting from the moment it is queued: through the pause before the push, the status
      // must not go on saying "Synced" (a person may close the app on that word).
      void this.#emit({ waiting: this.#report.waiting + 1 });
      this.soon();
    };
    const poll = setInterval(() => {
      if (document.visibilityState === 'visible') void this.sync();
    }, POLL_MS);
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('library-key-changed', onKey);
    this.#db.outbox.hook('creating', onQueued);
    void this.sync();
    return () => {
      clearTimeout(this.#timer);
      clearInterval(poll);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('library-key-changed', onKey);
      this.#db.outbox.hook('creating').unsubscribe(onQueued);
    };
  }

  async #cycleSafely(): Promise<void> {
    let notice: SyncNotice | null = null;
    try {
      const session = await this.#session();
      if (typeof session === 'string') return await this.#finish(session, null, null);
      await this.#emit({ isSyncing: true, blocker: null, error: null });
      const state = await readSyncState(this.#db);
      // A fresh cursor may mean a restored device: learn its last mutation id first (SYNC-15a).
      if (state.cursor === 0) notice = await this.#pullAll(session);
      await this.#pushAll(session);
      notice = (await this.#pullAll(session)) ?? notice;
      notice = (await this.#checkDigest(session)) ?? notice;
      this.#failures = 0;
      const lastSyncedAt = new Date().toISOString();
      await writeSyncState(this.#db, { ...(await readSyncState(this.#db)), lastSyncedAt });
      await this.#finish(null, null, notice);
    } catch (error) {
      const apiError: ApiError =
        error instanceof SyncFailure
          ? error.error
          : { code: 'internal-error', message: error instanceof Error ? error.message : 'sync' };
      if (apiError.status === 401) {
        await this.#finish('not-registered', null, notice);
        return;
      }
      const isOffline = apiError.code === 'offline';
      await this.#finish(isOffline ? 'offline' : 'failed', isOffline ? null : apiError, notice);
      this.#backOff();
    }
  }

  async #session(): Promise<Session | (SyncBlocker & string)> {
    const db = this.#db;
    const [credentials, stored, localDeviceId] = await Promise.all([
      loadCredentials(db),
      loadLibraryKey(db),
      ensureLocalDeviceId(db.kv),
    ]);
    if (!credentials) return 'not-registered';
    // A key of another library would make revisions nobody here can open.
    if (!stored || stored.libraryId !== credentials.libraryId) return 'no-key';
    if (this.#options.isOnline && !this.#options.isOnline()) return 'offline';
    const transportFor =
      this.#options.transportFor ?? ((token: string) => createSyncTransport({ token }));
    const transport = transportFor(credentials.token);
    const refusing: SyncTransport = {
      push: (mutations) => this.#checked(credentials.token, transport.push(mutations)),
      pull: (cursor, limit) => this.#checked(credentials.token, transport.pull(cursor, limit)),
      digest: (cursor) => this.#checked(credentials.token, transport.digest(cursor)),
    };
    return {
      transport: refusing,
      key: stored.key,
      libraryId: stored.libraryId,
      deviceId: credentials.deviceId,
      localDeviceId,
    };
  }

  /** Unwraps a result, telling the app when the token was refused. */
  async #checked<T>(
    token: string,
    pending: Promise<{ ok: true; data: T } | { ok: false; error: ApiError }>,
  ) {
    const result = await pending;
    if (!result.ok && result.error.status === 401) this.#options.onTokenRefused?.(token);
    return result;
  }

  /** SYNC-10: rows leave the outbox only when an answer names them (acked or rejected). */
  async #pushAll(session: Session): Promise<void> {
    await pushOutbox(this.#db, session, async () => {
      await this.#emit({ waiting: await this.#waitingCount() });
    });
  }

  /** SYNC-8: pages after the cursor, each applied with its cursor in one transaction. */
  async #pullAll(session: Session): Promise<SyncNotice | null> {
    const db = this.#db;
    let notice: SyncNotice | null = null;
    for (;;) {
      const { cursor } = await readSyncState(db);
      const sentAt = Date.now();
      const answer = await session.transport.pull(cursor, PULL_LIMIT);
      if (!answer.ok) throw new SyncFailure(answer.error);
      const page = answer.data;
      const offset = clockOffset(page.serverTime, sentAt, Date.now());
      const opened: Revision[] = [];
      const unreadable = new Set<string>();
      for (const pulled of page.revisions) {
        try {
          opened.push(await openRevision(session.key, session.libraryId, pulled));
        } catch (error) {
          // Wrong key or altered bytes: reported, never applied as an empty text (SYNC-17).
          if (!(error instanceof DecryptionError) && !(error instanceof SyntaxError)) {
            if (!(error instanceof Error && error.name === 'ZodError')) throw error;
          }
          unreadable.add(pulled.revId);
        }
      }
      const tables = [...writeTables(db), db.syncPulled];
      const applied = await db.transaction('rw', tables, async () => {
        const result = await applyPulledRevisions(db, opened, new Date());
        await db.syncPulled.bulkPut(
          page.revisions.map(({ revId, seq }) =>
            unreadable.has(revId) ? { revId, seq, isUnreadable: true as const } : { revId, seq },
          ),
        );
        const clock = await readSyncClock(db.kv, session.localDeviceId);
        let hlc = clock.hlc;
        for (const revision of page.revisions)
          hlc = receive(hlc, revision.hlc, Date.now() + offset);
        let nextMutationId = clock.nextMutationId;
        if (await outboxReusesSeenIds(db, page.lastMutationId, nextMutationId)) {
          // The server has seen these ids from this device: its data here was cleared (SYNC-15a).
          const first = Math.max(page.lastMutationId + 1, nextMutationId);
          nextMutationId = await renumberOutbox(db, first);
          // Said only when certain: waiting ids at or below the server's last may also be a push
          // whose answer was lost, and those revisions the server acks again without a copy.
          if (page.lastMutationId >= clock.nextMutationId) {
            notice = { kind: 'evicted', lost: readWaitingMirror() };
          }
        }
        await writeSyncClock(db.kv, { hlc, nextMutationId, clockOffsetMs: offset });
        await writeSyncState(db, { ...(await readSyncState(db)), cursor: page.cursor });
        return result;
      });
      if (applied.changed.length > 0) {
        this.#options.onMemoriesChanged?.(applied.changed, applied.created);
      }
      if (!page.hasMore) return notice;
    }
  }

  /** SYNC-15: the server's digest up to our cursor against the revIds it sent us. */
  async #checkDigest(session: Session): Promise<SyncNotice | null> {
    if (await this.#digestsMatch(session)) return null;
    const resent = await this.#reconcile(session);
    if (!(await this.#digestsMatch(session))) {
      throw new SyncFailure({ code: 'internal-error', message: 'digest-mismatch' });
    }
    return { kind: 'reconciled', resent };
  }

  async #digestsMatch(session: Session): Promise<boolean> {
    const { cursor } = await readSyncState(this.#db);
    const answer = await session.transport.digest(cursor);
    if (!answer.ok) throw new SyncFailure(answer.error);
    const revIds = (await this.#db.syncPulled.toCollection().primaryKeys()) as string[];
    return (await digestRevIds(revIds)) === answer.data.digest;
  }

  /**
   * Full reconcile (SYNC-15): pull everything again, then push every local revision the server
   * lacks under new mutation ids. Returns how many were pushed again.
   */
  async #reconcile(session: Session): Promise<number> {
    const db = this.#db;
    await db.transaction('rw', db.syncPulled, db.kv, async () => {
      await db.syncPulled.clear();
      await writeSyncState(db, { ...(await readSyncState(db)), cursor: 0 });
    });
    await this.#pullAll(session);
    const missing = await db.transaction(
      'rw',
      [db.revisions, db.outbox, db.syncPulled, db.kv],
      async () => {
        const pulled = new Set((await db.syncPulled.toCollection().primaryKeys()) as string[]);
        const queued = new Set((await db.outbox.toArray()).map((row) => row.revId));
        const revisions = await db.revisions.toArray();
        const lacking = revisions.filter(
          (revision) => !pulled.has(revision.revId) && !queued.has(revision.revId),
        );
        if (lacking.length === 0) return 0;
        const clock = await readSyncClock(db.kv, session.localDeviceId);
        const queuedAt = new Date().toISOString();
        await db.outbox.bulkAdd(
          lacking
            .sort((a, b) => a.createdAtMs - b.createdAtMs)
            .map((revision, index) => ({
              mutationId: clock.nextMutationId + index,
              entryId: revision.entryId,
              revId: revision.revId,
              queuedAt,
            })),
        );
        await writeSyncClock(db.kv, {
          ...clock,
          nextMutationId: clock.nextMutationId + lacking.length,
        });
        return lacking.length;
      },
    );
    await this.#pushAll(session);
    await this.#pullAll(session);
    return missing;
  }

  #backOff(): void {
    const delay = BACKOFF_MS[Math.min(this.#failures, BACKOFF_MS.length - 1)] as number;
    this.#failures += 1;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.sync(), delay);
  }

  async #waitingCount(): Promise<number> {
    return this.#db.outbox.filter((row) => !row.rejected).count();
  }

  async #emit(change: Partial<SyncReport>): Promise<void> {
    this.#report = { ...this.#report, ...change };
    this.#options.onReport?.(this.#report);
  }

  async #finish(
    blocker: SyncBlocker,
    error: ApiError | null,
    notice: SyncNotice | null,
  ): Promise<void> {
    const db = this.#db;
    const [waiting, rejected, unreadable, state] = await Promise.all([
      this.#waitingCount(),
      db.outbox.filter((row) => row.rejected !== undefined).toArray(),
      db.syncPulled.filter((row) => row.isUnreadable === true).count(),
      readSyncState(db),
    ]);
    mirrorWaiting(waiting);
    if (waiting > 0 && outcomeOf(blocker) === 'retry') this.#options.onPushDeferred?.();
    await this.#emit({
      isSyncing: false,
      waiting,
      notSynced: rejected.map((row) => ({
        mutationId: row.mutationId,
        entryId: row.entryId,
        reason: row.rejected?.reason ?? '',
        at: row.rejected?.at ?? row.queuedAt,
      })),
      blocker,
      error,
      lastSyncedAt: state.lastSyncedAt,
      unreadable,
      notice: notice ?? this.#report.notice,
    });
  }
}

/** Gives every outbox row a fresh mutation id from `first` on; returns the next free one. */
async function renumberOutbox(db: MemoryLibraryDb, first: number): Promise<number> {
  const rows = await db.outbox.orderBy('seq').toArray();
  let next = first;
  for (const row of rows) {
    await db.outbox.update(row.seq as number, { mutationId: next });
    next += 1;
  }
  return next;
}
