import type { Health } from '#shared/health';
import type {
  CatalogBatchRequest,
  CatalogRequest,
  CatalogResult,
  RelatedCard,
} from '#shared/librarian';
import type { ApiClient } from '../api/client.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { ApiError } from '../api/result.ts';
import type { Memory, MemoryLibraryDb } from '../db/database.ts';
import { deviceCardOf } from '../db/device-catalog.ts';
import {
  attachLibrarianResult,
  dropQueued,
  getMemory,
  isSendable,
  markLibrarianFailed,
  nextQueued,
  nextQueuedBatch,
} from '../db/memories.ts';
import { entryForLibrarian } from '../librarian/entry.ts';
import type { Ink } from '../librarian/ink.ts';
import { poolRelatedCards } from '../librarian/related-pool.ts';
import { digestForRequest, keepProposals } from '../notebook/lazy.ts';
import type { DeviceState } from './device.svelte.ts';
import type { LibrarianAvailability, LibrarianNotice, ReplyView } from './librarian-view.ts';

export type { LibrarianAvailability, LibrarianNotice, ReplyView } from './librarian-view.ts';

const HEALTH_MAX_AGE_MS = 5 * 60_000;
const LONGEST_RETRY_DELAY_MS = 6 * 3600_000;
/** Related cards one batch request may carry for all its memories (the Worker's limit). */
const BATCH_RELATED_CARDS = 24;

export interface LibrarianDeps {
  db: MemoryLibraryDb;
  api: ApiClient;
  device: DeviceState;
  isOnline: () => boolean;
  /** Called with every memory the librarian updated, so lists can show it. */
  onMemoryUpdated: (memory: Memory) => void;
  /** Compact cards of the memory's related memories, sent with it (never whole texts). */
  relatedCards?: (memory: Memory) => Promise<RelatedCard[]>;
  /** The budget: checked before each request; a cheaper model while it is low. */
  ink?: {
    beforeRequest(): Promise<Ink | undefined>;
    readonly modelForLowInk: string | undefined;
    readonly replyLengthForInk: 'brief' | undefined;
    spent(): void;
  };
  clock?: Clock;
  /**
   * Resolves when the on-device librarian has shelved this memory, if it is doing so now: the AI
   * is asked only after, so its card lands on top of the device's guess and both are kept.
   */
  deviceShelving?: (entryId: string) => Promise<void> | undefined;
}

/**
 * The AI librarian as the app sees it: is it there (health), and the queue of memories waiting
 * for it. The memory on screen goes first, alone, its reply streamed into `reply`; the rest go in
 * saving order, several to a request when more than one waits (memories written offline), so the
 * long system prompt and the notebook are paid once per batch instead of once per memory.
 */
export class LibrarianState {
  #deps: LibrarianDeps;
  #availability = $state<LibrarianAvailability>('unknown');
  #health = $state<Health | undefined>();
  #checkedAt = 0;
  #reply = $state<ReplyView | null>(null);
  #flushing: Promise<void> | undefined;
  #flushAgain = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  /** Memories a batch did not answer: each is sent alone next (a single request repairs). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never shown
  #alone = new Set<string>();

  constructor(deps: LibrarianDeps) {
    this.#deps = deps;
  }

  get availability(): LibrarianAvailability {
    return this.#availability;
  }

  get serverVersion(): string | undefined {
    return this.#health?.version;
  }

  get reply(): ReplyView | null {
    return this.#reply;
  }

  get isBusy(): boolean {
    return this.#flushing !== undefined;
  }

  async checkHealth(): Promise<LibrarianAvailability> {
    if (!this.#deps.isOnline()) {
      this.#availability = 'unreachable';
      return this.#availability;
    }
    this.#availability = 'checking';
    const result = await this.#deps.api.getHealth();
    this.#checkedAt = Date.now();
    if (result.ok) {
      this.#health = result.data;
      this.#availability = result.data.librarian;
    } else {
      this.#availability = 'unreachable';
    }
    return this.#availability;
  }

  /** A memory was just saved: show it as the latest, then let the librarian read the queue. */
  async memorySaved(memory: Memory): Promise<void> {
    this.#reply = {
      entryId: memory.id,
      phase: 'waiting',
      reply: '',
      reasoning: '',
      catalog: null,
      deviceCatalog: deviceCardOf(memory),
      totalTokens: null,
      notice: null,
    };
    await this.flush();
  }

  /**
   * Send every queued memory, oldest first, until the queue is empty or something stops it
   * (offline, librarian offline, budget). Safe to call often: runs once at a time, and a call
   * made while it runs makes it look at the queue again at the end.
   */
  async flush(): Promise<void> {
    if (this.#flushing) {
      this.#flushAgain = true;
      return this.#flushing;
    }
    this.#flushing = (async () => {
      try {
        do {
          this.#flushAgain = false;
          await this.#drain();
        } while (this.#flushAgain);
      } finally {
        this.#flushing = undefined;
      }
    })();
    return this.#flushing;
  }

  /** Stop the request in flight (the memory stays queued) and any retry timer. */
  stop(): void {
    clearTimeout(this.#retryTimer);
    this.#abort?.abort();
  }

  reset(): void {
    this.stop();
    this.#availability = 'unknown';
    this.#health = undefined;
    this.#checkedAt = 0;
    this.#reply = null;
  }

  async #drain(): Promise<void> {
    for (;;) {
      if ((await nextQueued(this.#deps.db)) === undefined) return;

      const blocker = await this.#blocker();
      if (blocker) {
        this.#notify(blocker);
        return;
      }
      const token = this.#deps.device.credentials?.token;
      if (!token) {
        // The budget check found the token revoked.
        if (this.#deps.device.status === 'signed-out') this.#notify({ kind: 'signed-out' });
        return;
      }

      // Only now, with the librarian reachable: choosing a batch loads the schema module (zod),
      // which the first screen must not wait for.
      const memories = await this.#readable(await this.#nextToSend());
      if (memories.length === 0) continue;
      const outcome =
        memories.length === 1
          ? await this.#catalogue(memories[0]!, token)
          : await this.#catalogueBatch(memories, token);
      if (outcome === 'next') continue;
      if (outcome === 'signed-out') {
        // Revoked from another device: say so, and register nothing new by ourselves.
        await this.#deps.device.tokenRefused(token);
        this.#notify({ kind: 'signed-out' }, this.#reply?.entryId);
      }
      return;
    }
  }

  /**
   * What to send next: the memory on screen if it waits (the person is watching its reply),
   * else the oldest waiting memories — several when more than one waits and none of them has
   * to go alone.
   */
  async #nextToSend(): Promise<string[]> {
    const { db } = this.#deps;
    const { MAX_BATCH_ENTRIES } = await import('#shared/librarian');
    const shown = this.#reply;
    if (shown && shown.phase !== 'done') {
      const waiting = await db.librarianQueue.where('entryId').equals(shown.entryId).count();
      if (waiting > 0) return [shown.entryId];
    }
    const queued = await nextQueuedBatch(db, MAX_BATCH_ENTRIES);
    const first = queued[0];
    if (first === undefined || this.#alone.has(first)) return first === undefined ? [] : [first];
    return queued.filter((id) => !this.#alone.has(id));
  }

  /**
   * The memories among `ids` the librarian may read now, each after the device has shelved it
   * (so the AI's card lands on top of the device's guess). Private and trashed memories are never
   * sent, whatever the queue says: checked again here, right before the request.
   */
  async #readable(ids: readonly string[]): Promise<Memory[]> {
    const readable: Memory[] = [];
    for (const id of ids) {
      await this.#deps.deviceShelving?.(id);
      const memory = await getMemory(this.#deps.db, id);
      if (memory && isSendable(memory)) readable.push(memory);
      else await dropQueued(this.#deps.db, id);
    }
    return readable;
  }

  /** What keeps the librarian from reading now, or null when nothing does. */
  async #blocker(): Promise<LibrarianNotice | null> {
    if (!this.#deps.isOnline()) {
      this.#availability = 'unreachable';
      return { kind: 'offline' };
    }
    const stale = Date.now() - this.#checkedAt > HEALTH_MAX_AGE_MS;
    if (this.#availability !== 'online' || stale) await this.checkHealth();
    if (this.#availability === 'offline') return { kind: 'librarian-offline' };
    if (this.#availability !== 'online') {
      return { kind: 'failed', error: { code: 'offline', message: 'server unreachable' } };
    }
    const credentials = await this.#deps.device.ensureRegistered();
    if (credentials) return this.#inkBlocker();
    if (this.#deps.device.status === 'needs-invite') return { kind: 'needs-invite' };
    if (this.#deps.device.status === 'signed-out') return { kind: 'signed-out' };
    const error = this.#deps.device.lastError;
    return error ? { kind: 'failed', error } : { kind: 'unregistered' };
  }

  /** Out of ink: keep the queue until the budget refills, and try again then. */
  async #inkBlocker(): Promise<LibrarianNotice | null> {
    const ink = await this.#deps.ink?.beforeRequest();
    if (ink?.level !== 'out') return null;
    const seconds = Math.max(1, Math.ceil((Date.parse(ink.resetAt) - Date.now()) / 1000));
    this.#scheduleRetry({
      code: 'budget-exceeded',
      message: 'out of ink',
      retryAfterSeconds: seconds,
    });
    return { kind: 'ink-out', resetAt: ink.resetAt };
  }

  async #catalogue(memory: Memory, token: string): Promise<'next' | 'stop' | 'signed-out'> {
    const { db } = this.#deps;
    this.#reply = {
      entryId: memory.id,
      phase: 'reading',
      reply: '',
      reasoning: '',
      catalog: null,
      deviceCatalog: deviceCardOf(memory),
      totalTokens: null,
      notice: null,
    };

    // The schema module (zod) loads with the API client, after the first screen.
    const { MAX_ENTRY_CHARS } = await import('#shared/librarian');
    if (memory.text.trim().length > MAX_ENTRY_CHARS) {
      return this.#refuse(memory.id, { code: 'too-large', message: 'too long for the librarian' });
    }

    const [related, digest] = await Promise.all([this.#relatedCards(memory), digestForRequest(db)]);
    const model = this.#deps.ink?.modelForLowInk;
    const replyLength = this.#deps.ink?.replyLengthForInk;
    const request: CatalogRequest = {
      entry: entryForLibrarian(memory),
      related,
      notebook: digest.notebook,
      corrections: digest.corrections,
      ...(model ? { model } : {}),
      ...(replyLength ? { replyLength } : {}),
    };
    this.#abort = new AbortController();
    const result = await this.#deps.api.catalogStream(
      request,
      token,
      {
        onReply: (delta) =>
          this.#update(memory.id, (view) => ({
            ...view,
            phase: 'writing',
            reply: view.reply + delta,
          })),
        onReasoning: (delta) =>
          this.#update(memory.id, (view) => ({ ...view, reasoning: view.reasoning + delta })),
      },
      this.#abort.signal,
    );
    this.#abort = undefined;

    if (result.ok) {
      this.#alone.delete(memory.id);
      const updated = await this.#keepResult(memory.id, result.data);
      this.#update(memory.id, (view) => ({
        ...view,
        phase: 'done',
        reply: result.data.reply,
        reasoning: result.data.reasoning ?? '',
        catalog: updated?.catalog ?? null,
        totalTokens: result.data.usage.totalTokens,
      }));
      return 'next';
    }

    const { error } = result;
    switch (error.code) {
      case 'invalid-request':
      case 'too-large':
        return this.#refuse(memory.id, error);
      case 'unauthenticated':
        return 'signed-out';
      case 'budget-exceeded':
        this.#deps.ink?.spent();
        this.#notify({ kind: 'failed', error }, memory.id);
        this.#scheduleRetry(error);
        return 'stop';
      case 'aborted':
        this.#update(memory.id, (view) => ({ ...view, phase: 'waiting' }));
        return 'stop';
      default:
        this.#notify({ kind: 'failed', error }, memory.id);
        this.#scheduleRetry(error);
        return 'stop';
    }
  }

  /** Several waiting memories in one request; an entry the batch did not answer goes alone next. */
  async #catalogueBatch(
    memories: readonly Memory[],
    token: string,
  ): Promise<'next' | 'stop' | 'signed-out'> {
    const { db } = this.#deps;
    const { MAX_ENTRY_CHARS } = await import('#shared/librarian');
    const sendable: Memory[] = [];
    for (const memory of memories) {
      if (memory.text.trim().length <= MAX_ENTRY_CHARS) sendable.push(memory);
      else
        await this.#refuse(memory.id, { code: 'too-large', message: 'too long for the librarian' });
    }
    if (sendable.length < 2) return sendable[0] ? this.#catalogue(sendable[0], token) : 'next';

    const [related, digest] = await Promise.all([
      this.#batchRelated(sendable),
      digestForRequest(db),
    ]);
    const model = this.#deps.ink?.modelForLowInk;
    const replyLength = this.#deps.ink?.replyLengthForInk;
    const request: CatalogBatchRequest = {
      entries: sendable.map(entryForLibrarian),
      related,
      notebook: digest.notebook,
      corrections: digest.corrections,
      ...(model ? { model } : {}),
      ...(replyLength ? { replyLength } : {}),
    };
    this.#abort = new AbortController();
    const answer = await this.#deps.api.catalogBatch(request, token, this.#abort.signal);
    this.#abort = undefined;

    if (answer.ok) {
      for (const memory of sendable) {
        const item = answer.data.results.find((one) => one.entryId === memory.id);
        // Not answered, or not in the answer at all: it goes alone, never in this batch again.
        if (item?.ok) await this.#keepBatchItem(item.entryId, item.result);
        else this.#alone.add(memory.id);
      }
      return 'next';
    }
    const { error } = answer;
    switch (error.code) {
      case 'invalid-request':
      case 'too-large':
        // One of them is at fault, or this server takes no batches: each goes alone, and a
        // memory the server really refuses is then refused on its own.
        for (const memory of sendable) this.#alone.add(memory.id);
        return 'next';
      case 'unauthenticated':
        return 'signed-out';
      case 'budget-exceeded':
        this.#deps.ink?.spent();
        this.#scheduleRetry(error);
        return 'stop';
      case 'aborted':
        return 'stop';
      default:
        this.#scheduleRetry(error);
        return 'stop';
    }
  }

  async #keepBatchItem(entryId: string, result: CatalogResult): Promise<void> {
    const updated = await this.#keepResult(entryId, result);
    this.#update(entryId, (view) => ({
      ...view,
      phase: 'done',
      reply: result.reply,
      reasoning: result.reasoning ?? '',
      catalog: updated?.catalog ?? null,
      totalTokens: result.usage.totalTokens,
    }));
  }

  /** The card and reply on the memory, the notes it proposes kept for the person to accept. */
  async #keepResult(entryId: string, result: CatalogResult): Promise<Memory | undefined> {
    const { db } = this.#deps;
    const clock = this.#deps.clock ?? systemClock;
    const updated = await attachLibrarianResult(db, entryId, result, clock());
    if (updated) {
      await keepProposals(db, entryId, result.notebook ?? [], clock());
      this.#deps.onMemoryUpdated(updated);
    }
    return updated;
  }

  async #batchRelated(memories: readonly Memory[]): Promise<RelatedCard[]> {
    const cards = await Promise.all(memories.map((memory) => this.#relatedCards(memory)));
    const ids = memories.map((memory) => memory.id);
    return poolRelatedCards(cards, ids, BATCH_RELATED_CARDS);
  }

  async #relatedCards(memory: Memory): Promise<RelatedCard[]> {
    try {
      return (await this.#deps.relatedCards?.(memory)) ?? [];
    } catch {
      // Retrieval is a help, not a condition: the memory goes without related cards.
      return [];
    }
  }

  async #refuse(id: string, error: ApiError): Promise<'next'> {
    const updated = await markLibrarianFailed(this.#deps.db, id, {
      code: error.code,
      message: error.message,
    });
    if (updated) this.#deps.onMemoryUpdated(updated);
    this.#notify({ kind: 'refused', error }, id);
    return 'next';
  }

  /** Show why the latest memory waits, unless the region already shows a finished reply. */
  #notify(notice: LibrarianNotice, entryId?: string): void {
    const view = this.#reply;
    if (!view || (entryId !== undefined && view.entryId !== entryId)) return;
    if (view.phase === 'done' && entryId === undefined) return;
    // A half-streamed reply is never left on screen as if it were the answer.
    this.#reply = { ...view, phase: 'waiting', reply: '', reasoning: '', notice };
  }

  #update(entryId: string, change: (view: ReplyView) => ReplyView): void {
    if (this.#reply?.entryId === entryId) this.#reply = change(this.#reply);
  }

  #scheduleRetry(error: ApiError): void {
    if (error.retryAfterSeconds === undefined) return;
    clearTimeout(this.#retryTimer);
    const delay = Math.min(error.retryAfterSeconds * 1000, LONGEST_RETRY_DELAY_MS);
    this.#retryTimer = setTimeout(() => void this.flush(), delay);
  }
}
