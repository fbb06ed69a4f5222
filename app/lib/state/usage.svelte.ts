import type { UsageReport } from '#shared/usage';
import type { ApiClient } from '../api/client.ts';
import { cheaperModel, inkOf, type Ink } from '../librarian/ink.ts';
import type { DeviceState } from './device.svelte.ts';

/** How long a usage report is trusted before the librarian asks again. */
const FRESH_MS = 60_000;

/**
 * The librarian's daily "ink" (`GET /api/v1/usage`) and what the app does when it runs low: a
 * cheaper allowed model, then the device librarian only until the budget refills.
 */
export class UsageState {
  #api: ApiClient;
  #device: DeviceState;
  #report = $state.raw<UsageReport | undefined>();
  #ink = $derived(this.#report ? inkOf(this.#report) : undefined);
  #cheaperModel = $state<string | undefined>();
  #modelsRead = false;
  #readAt = 0;
  #reading: Promise<void> | undefined;

  constructor(api: ApiClient, device: DeviceState) {
    this.#api = api;
    this.#device = device;
  }

  get report(): UsageReport | undefined {
    return this.#report;
  }

  get ink(): Ink | undefined {
    return this.#ink;
  }

  /** A brief reply while ink is short or low, so each memory costs fewer output tokens. */
  get replyLengthForInk(): 'brief' | undefined {
    const level = this.#ink?.level;
    return level === 'short' || level === 'low' ? 'brief' : undefined;
  }

  /** The model to ask while ink is low (undefined: the server's default). */
  get modelForLowInk(): string | undefined {
    return this.#ink?.level === 'low' ? this.#cheaperModel : undefined;
  }

  /** Read the budget again (at most once at a time); `maxAgeMs` skips a read still fresh. */
  async refresh(maxAgeMs = 0): Promise<void> {
    if (!this.#device.credentials) return;
    if (maxAgeMs > 0 && Date.now() - this.#readAt < maxAgeMs) return;
    this.#reading ??= this.#read().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  /** Before a librarian request: a recent report, and the cheaper model if ink is low. */
  async beforeRequest(): Promise<Ink | undefined> {
    await this.refresh(FRESH_MS);
    if (this.#ink?.level === 'low' && !this.#modelsRead) await this.#readModels();
    return this.#ink;
  }

  /** A request was refused for budget: the next check reads the report again. */
  spent(): void {
    this.#readAt = 0;
  }

  reset(): void {
    this.#report = undefined;
    this.#cheaperModel = undefined;
    this.#modelsRead = false;
    this.#readAt = 0;
  }

  async #read(): Promise<void> {
    const result = await this.#device.withToken((token) => this.#api.getUsage(token));
    if (!result.ok) return;
    this.#report = result.data;
    this.#readAt = Date.now();
  }

  async #readModels(): Promise<void> {
    const result = await this.#device.withToken((token) => this.#api.listModels(token));
    if (!result.ok) return;
    this.#modelsRead = true;
    this.#cheaperModel = cheaperModel(result.data.models);
  }
}
