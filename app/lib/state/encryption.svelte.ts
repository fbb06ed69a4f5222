import type { ApiError } from '../api/result.ts';
import { createKeysApi, type KeysApi } from '../api/keys-client.ts';
import type { MemoryLibraryDb } from '../db/database.ts';
import {
  holdsLibraryKey,
  type KeyOutcome,
  type KeyProblem,
  type KeysContext,
} from '../sync/keys/key-context.ts';
import { collectKey, createKeyRequest, sendKey } from '../sync/keys/key-handoff.ts';
import {
  changeLibraryPassphrase,
  finishSetup,
  prepareSetup,
  recoverWithCode,
  unlockWithPassphrase,
  type PreparedSetup,
} from '../sync/keys/key-setup.ts';
import type { DeviceState } from './device.svelte.ts';

export type KeyStatus =
  | 'checking'
  /** No credentials: the device has not joined a library yet. */
  | 'not-connected'
  /** The server could not say whether the library has a key. */
  | 'unreachable'
  /** Nobody has set up encryption for this library yet. */
  | 'needs-setup'
  /** The library has a key, this device does not hold it. */
  | 'locked'
  | 'unlocked';

export type KeyTask = 'preparing' | 'saving' | 'unlocking' | 'recovering' | 'changing' | 'sending';
export type KeyNotice = 'set-up' | 'unlocked' | 'recovered' | 'changed' | 'received' | 'sent';

/** Polling the relay: often enough to feel immediate, rare enough for a phone's battery. */
const POLL_MS = 2_000;
/** A request nobody answered in this long has been forgotten; the person can start another. */
const RECEIVE_FOR_MS = 10 * 60 * 1000;

/**
 * The "End-to-end encryption" section's state: whether this device holds the library key, and
 * the flows that give it one (SYNC-18b, SYNC-19a). One instance per visit to Settings; `stop()`
 * ends the relay polling.
 */
export class EncryptionState {
  #db: MemoryLibraryDb;
  #device: DeviceState;
  #api: KeysApi;
  #status = $state<KeyStatus>('checking');
  #task = $state<KeyTask | undefined>();
  #prepared = $state.raw<PreparedSetup | undefined>();
  #problem = $state<{ problem: KeyProblem; error?: ApiError } | undefined>();
  #notice = $state<KeyNotice | undefined>();
  #receiving = $state.raw<{ fingerprint: string; link: string } | undefined>();
  #refreshes = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(db: MemoryLibraryDb, device: DeviceState, api: KeysApi = createKeysApi()) {
    this.#db = db;
    this.#device = device;
    this.#api = api;
  }

  get status(): KeyStatus {
    return this.#status;
  }

  /** The slow step under way (PBKDF2 takes a few seconds), for the progress text. */
  get task(): KeyTask | undefined {
    return this.#task;
  }

  /** The new key's recovery code, shown once, until setup finishes or is abandoned. */
  get recoveryCode(): string | undefined {
    return this.#prepared?.recoveryCode;
  }

  get problem(): { problem: KeyProblem; error?: ApiError } | undefined {
    return this.#problem;
  }

  get notice(): KeyNotice | undefined {
    return this.#notice;
  }

  /** While waiting for another device: what to show (fingerprint, link for the QR code). */
  get receiving(): { fingerprint: string; link: string } | undefined {
    return this.#receiving;
  }

  async refresh(): Promise<void> {
    // Joining a library changes the credentials while an earlier check may still be running:
    // only the latest check may set the status, or an old library's answer would win.
    const run = ++this.#refreshes;
    const ctx = this.#context();
    if (!ctx) {
      this.#status = 'not-connected';
      return;
    }
    const holds = await holdsLibraryKey(this.#db, ctx.libraryId);
    if (run !== this.#refreshes) return;
    if (holds) {
      this.#status = 'unlocked';
      return;
    }
    const stored = await ctx.withToken((token) => ctx.api.getWrappedKey(token));
    if (run !== this.#refreshes) return;
    if (stored.ok) this.#status = 'locked';
    else if (stored.error.code === 'not-found') this.#status = 'needs-setup';
    else {
      this.#status = this.#device.credentials ? 'unreachable' : 'not-connected';
      this.#problem = { problem: 'failed', error: stored.error };
    }
  }

  /** Step one of setup: make and wrap the key, and show its recovery code. */
  async prepareSetup(passphrase: string): Promise<void> {
    await this.#run('preparing', async () => {
      this.#prepared = await prepareSetup(passphrase);
      return { ok: true };
    });
  }

  /** Step two, after "I have written it down": send the wrap, then keep the key here. */
  async finishSetup(): Promise<void> {
    const prepared = this.#prepared;
    if (!prepared) return;
    const outcome = await this.#run('saving', (ctx) => finishSetup(ctx, prepared));
    if (outcome?.ok) this.#done('set-up');
    else if (outcome?.problem === 'conflict') {
      // Another device won: its key is the library's. Ours was never used; unlock instead.
      this.#prepared = undefined;
      this.#status = 'locked';
    }
  }

  cancelSetup(): void {
    this.#prepared = undefined;
  }

  async unlock(passphrase: string): Promise<boolean> {
    const outcome = await this.#run('unlocking', (ctx) => unlockWithPassphrase(ctx, passphrase));
    if (outcome?.ok) this.#done('unlocked');
    return outcome?.ok === true;
  }

  async recover(code: string, newPassphrase: string): Promise<boolean> {
    const outcome = await this.#run('recovering', (ctx) =>
      recoverWithCode(ctx, code, newPassphrase),
    );
    if (outcome?.ok) this.#done('recovered');
    return outcome?.ok === true;
  }

  async changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<boolean> {
    const outcome = await this.#run('changing', (ctx) =>
      changeLibraryPassphrase(ctx, oldPassphrase, newPassphrase),
    );
    if (outcome?.ok) this.#notice = 'changed';
    return outcome?.ok === true;
  }

  /** On the old device: seal the key to the new device's public key (from the link). */
  async send(publicKey: string, passphrase: string): Promise<boolean> {
    const outcome = await this.#run('sending', (ctx) => sendKey(ctx, publicKey, passphrase));
    if (outcome?.ok) this.#notice = 'sent';
    return outcome?.ok === true;
  }

  /** Show a one-time public key for another device, and watch the relay for its answer. */
  async startReceiving(origin: string): Promise<void> {
    const ctx = this.#context();
    if (!ctx) return;
    this.stop();
    this.#problem = undefined;
    const request = await createKeyRequest(origin);
    this.#receiving = { fingerprint: request.pairing.fingerprint, link: request.link };
    let isPolling = false;
    const until = Date.now() + RECEIVE_FOR_MS;
    this.#timer = setInterval(() => {
      if (Date.now() > until) {
        this.cancelReceiving();
        this.#problem = { problem: 'expired' };
        return;
      }
      if (isPolling) return;
      isPolling = true;
      void collectKey(ctx, request)
        .then((outcome) => {
          if (outcome === 'waiting') return;
          this.stop();
          this.#receiving = undefined;
          if (outcome.ok) this.#done('received');
          else this.#problem = { problem: outcome.problem, error: outcome.error };
        })
        .finally(() => (isPolling = false));
    }, POLL_MS);
  }

  cancelReceiving(): void {
    this.stop();
    this.#receiving = undefined;
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #done(notice: KeyNotice): void {
    this.#prepared = undefined;
    this.#status = 'unlocked';
    this.#notice = notice;
  }

  async #run(
    task: KeyTask,
    flow: (ctx: KeysContext) => Promise<KeyOutcome>,
  ): Promise<KeyOutcome | undefined> {
    const ctx = this.#context();
    if (!ctx || this.#task) return undefined;
    this.#task = task;
    this.#problem = undefined;
    this.#notice = undefined;
    try {
      const outcome = await flow(ctx);
      if (!outcome.ok) this.#problem = { problem: outcome.problem, error: outcome.error };
      return outcome;
    } catch {
      // WebCrypto or IndexedDB refused: say so, and keep everything typed in the form.
      this.#problem = { problem: 'failed' };
      return { ok: false, problem: 'failed' };
    } finally {
      this.#task = undefined;
    }
  }

  #context(): KeysContext | undefined {
    const credentials = this.#device.credentials;
    if (!credentials) return undefined;
    return {
      db: this.#db,
      api: this.#api,
      libraryId: credentials.libraryId,
      withToken: (call) => this.#device.withToken(call),
    };
  }
}
