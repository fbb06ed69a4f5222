import type { DeviceCredentials } from '#shared/devices';
import type { ApiClient } from '../api/client.ts';
import { deviceNameFromUserAgent } from '../api/device-name.ts';
import { failure, type ApiError, type ApiResult } from '../api/result.ts';
import { clearCredentials, loadCredentials } from '../db/credentials.ts';
import type { MemoryLibraryDb } from '../db/database.ts';
import { storeIdentity, storeIdentityUnlessStored } from '../db/device-identity.ts';
import { IdentityChannel } from '../db/identity-channel.ts';
import { loadSignedOut, saveSignedOut } from '../db/device-session.ts';
import { loadDeviceName } from '../db/preferences.ts';

export type DeviceStatus =
  /** No credentials yet; registration not tried or it failed for a passing reason. */
  | 'unregistered'
  | 'registering'
  | 'registered'
  /** The server wants an invite code before it lets this device in. */
  | 'needs-invite'
  /**
   * The server refused this device's token (revoked from another device, or the server forgot
   * it). Nothing registers again by itself: the person joins a library or starts a new one.
   */
  | 'signed-out';

/**
 * This device's membership of a library on the server: registers on first run
 * (`POST /api/v1/devices`), joins another library with a pairing code, keeps the token in
 * IndexedDB and notices when the server stops accepting it. Writing never waits for this.
 */
export class DeviceState {
  #db: MemoryLibraryDb;
  #api: ApiClient;
  #status = $state<DeviceStatus>('unregistered');
  #credentials = $state<DeviceCredentials | undefined>();
  #name = $state('');
  #lastError = $state<ApiError | undefined>();
  #inviteRejected = $state(false);
  #registering: Promise<DeviceCredentials | undefined> | undefined;
  /** Bumped whenever the credentials change, so a late registration answer can tell it lost. */
  #generation = 0;
  /** This page's identity writes in flight: another page's news is read only after them. */
  #writing: Promise<unknown> = Promise.resolve();
  #channel: IdentityChannel | undefined;

  constructor(db: MemoryLibraryDb, api: ApiClient) {
    this.#db = db;
    this.#api = api;
  }

  get status(): DeviceStatus {
    return this.#status;
  }

  get credentials(): DeviceCredentials | undefined {
    return this.#credentials;
  }

  get name(): string {
    return this.#name;
  }

  /** Why the last registration attempt failed, if it did. */
  get lastError(): ApiError | undefined {
    return this.#lastError;
  }

  /** True after an invite code was refused, until the next attempt. */
  get inviteRejected(): boolean {
    return this.#inviteRejected;
  }

  /**
   * Follow the identity the other pages of this browser store: a join, a new registration or a
   * sign-out there replaces this page's in memory, and a library this page held that is no
   * longer the browser's is given up. `onChange` runs after each such change. Answers the stop.
   */
  watchOtherPages(onChange: () => void): () => void {
    this.#channel?.close();
    const channel = new IdentityChannel(() => void this.#changedElsewhere(onChange));
    this.#channel = channel;
    return () => {
      channel.close();
      if (this.#channel === channel) this.#channel = undefined;
    };
  }

  async load(userAgent = navigator.userAgent): Promise<void> {
    this.#credentials = await loadCredentials(this.#db);
    this.#name = (await loadDeviceName(this.#db)) ?? deviceNameFromUserAgent(userAgent);
    if (this.#credentials) this.#status = 'registered';
    else if (await loadSignedOut(this.#db)) this.#status = 'signed-out';
  }

  /**
   * Run an authenticated call with this device's token. A 401 means the server no longer takes
   * the token (revoked): it is forgotten and `status` becomes `signed-out`.
   */
  async withToken<T>(call: (token: string) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
    const token = this.#credentials?.token;
    if (!token) {
      return failure({ code: 'unauthenticated', message: 'this device has no token yet' });
    }
    const result = await call(token);
    if (!result.ok && result.error.code === 'unauthenticated' && result.error.status === 401) {
      await this.tokenRefused(token);
    }
    return result;
  }

  /** The server answered 401 to `token`: forget it (unless a newer token replaced it meanwhile). */
  async tokenRefused(token: string): Promise<void> {
    if (this.#credentials?.token !== token) return;
    this.#generation++;
    await this.#store(async () => {
      await clearCredentials(this.#db);
      await saveSignedOut(this.#db, true);
    });
    this.#credentials = undefined;
    this.#status = 'signed-out';
  }

  /**
   * Join an existing library with a pairing code from one of its devices. The new credentials
   * replace this device's; the old membership is revoked, best effort, so no stray token stays.
   */
  async pair(code: string): Promise<ApiResult<DeviceCredentials>> {
    const trimmed = code.trim();
    if (trimmed === '') return failure({ code: 'invalid-request', message: 'no code' });
    const result = await this.#api.pairDevice({ code: trimmed, deviceName: this.#name });
    if (!result.ok) return result;
    const previous = this.#credentials;
    await this.#adopt(result.data);
    if (previous && previous.libraryId !== result.data.libraryId) this.#giveUp(previous);
    return result;
  }

  /** After being signed out: register again as a new, separate library. */
  async startNewLibrary(): Promise<boolean> {
    if (this.#credentials) return true;
    if (this.#status === 'signed-out') this.#status = 'unregistered';
    await saveSignedOut(this.#db, false);
    return (await this.#register(undefined)) !== undefined;
  }

  /**
   * The credentials, registering first if needed. Undefined when this device cannot register now
   * (offline, server down, or an invite is needed: see `status`). Never asks the server twice at once.
   */
  async ensureRegistered(): Promise<DeviceCredentials | undefined> {
    if (this.#credentials) return this.#credentials;
    if (this.#status === 'needs-invite' || this.#status === 'signed-out') return undefined;
    return this.#register(undefined);
  }

  /** Try again with an invite code the person typed. */
  async submitInvite(invite: string): Promise<boolean> {
    const code = invite.trim();
    if (code === '') return false;
    return (await this.#register(code)) !== undefined;
  }

  /** The server no longer knows this token (revoked, or the server was reset): start over. */
  async forget(): Promise<void> {
    this.#generation++;
    await this.#store(() => clearCredentials(this.#db));
    this.#credentials = undefined;
    this.#status = 'unregistered';
  }

  reset(): void {
    this.#generation++;
    this.#status = 'unregistered';
    this.#credentials = undefined;
    this.#lastError = undefined;
    this.#inviteRejected = false;
    this.#registering = undefined;
  }

  /**
   * Take `credentials` as this device's. In memory first, before anything waits: a registration
   * asked for while they are being written must find them, not start a library of its own.
   */
  async #adopt(credentials: DeviceCredentials): Promise<void> {
    this.#generation++;
    this.#use(credentials);
    await this.#store(() => storeIdentity(this.#db, credentials, this.#name));
  }

  /**
   * Take the credentials of a registration, unless another page of this browser stored some
   * first (it registered, or the person joined a library there): those are this device's then,
   * and the library made here for nobody is given up, best effort. Calls meanwhile wait for this
   * one (`#registering`), so the credentials are used only once they are stored.
   */
  async #adoptRegistered(credentials: DeviceCredentials): Promise<DeviceCredentials | undefined> {
    const generation = ++this.#generation;
    const kept = await this.#store(() =>
      storeIdentityUnlessStored(this.#db, credentials, this.#name),
    );
    // A join on this page while they were being stored wins: its write came after this one.
    if (generation === this.#generation) this.#use(kept);
    if (this.#credentials?.token !== credentials.token) this.#giveUp(credentials);
    return this.#credentials;
  }

  /** An identity write of this page, announced to the others once committed. */
  async #store<T>(write: () => Promise<T>): Promise<T> {
    const writing = write();
    this.#writing = Promise.all([this.#writing, writing]).catch(() => undefined);
    const result = await writing;
    this.#channel?.announce();
    return result;
  }

  /**
   * Another page stored a new identity (or cleared it): take what IndexedDB holds now, unless this
   * page changed its own since. The stored identity is the last one written, so every page ends up
   * holding the same.
   */
  async #changedElsewhere(onChange: () => void): Promise<void> {
    await this.#writing;
    const generation = this.#generation;
    const [stored, signedOut] = await Promise.all([
      loadCredentials(this.#db),
      loadSignedOut(this.#db),
    ]);
    const held = this.#credentials;
    if (generation !== this.#generation || stored?.token === held?.token) return;
    this.#generation++;
    if (stored) {
      this.#use(stored);
      // Made here and replaced there before that page knew of it: it belongs to nobody now.
      if (held && held.libraryId !== stored.libraryId) this.#giveUp(held);
    } else {
      this.#credentials = undefined;
      this.#status = signedOut ? 'signed-out' : 'unregistered';
    }
    onChange();
  }

  #use(credentials: DeviceCredentials): void {
    this.#credentials = credentials;
    this.#status = 'registered';
    this.#lastError = undefined;
    this.#inviteRejected = false;
  }

  #giveUp(credentials: DeviceCredentials): void {
    void this.#api.revokeDevice(credentials.deviceId, credentials.token).catch(() => undefined);
  }

  #register(invite: string | undefined): Promise<DeviceCredentials | undefined> {
    this.#registering ??= this.#doRegister(invite).finally(() => {
      this.#registering = undefined;
    });
    return this.#registering;
  }

  async #doRegister(invite: string | undefined): Promise<DeviceCredentials | undefined> {
    const previous = this.#status;
    const generation = this.#generation;
    this.#status = 'registering';
    const result = await this.#api.registerDevice({
      deviceName: this.#name,
      ...(invite === undefined ? {} : { invite }),
    });
    if (generation !== this.#generation) {
      // The person joined a library (or was signed out) while this answer was on its way: their
      // choice stands, and the library made for nobody is given up, best effort.
      if (result.ok) this.#giveUp(result.data);
      return this.#credentials;
    }
    if (result.ok) return this.#adoptRegistered(result.data);
    this.#lastError = result.error;
    if (result.error.code === 'forbidden') {
      this.#status = 'needs-invite';
      this.#inviteRejected = invite !== undefined;
    } else {
      this.#status = previous === 'needs-invite' ? 'needs-invite' : 'unregistered';
    }
    return undefined;
  }
}
