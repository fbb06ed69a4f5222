/** The "Update available" prompt: shown when a new service worker waits; never forces a reload. */
export class UpdateState {
  #available = $state(false);
  #applying = $state(false);
  #apply: (() => Promise<void>) | undefined;

  get available(): boolean {
    return this.#available && !this.#applying;
  }

  get applying(): boolean {
    return this.#applying;
  }

  /** The service worker registration found a waiting version; `apply` activates it. */
  offer(apply: () => Promise<void>): void {
    this.#apply = apply;
    this.#available = true;
  }

  /** The person pressed Update. */
  async accept(): Promise<void> {
    if (!this.#apply || this.#applying) return;
    this.#applying = true;
    try {
      await this.#apply();
    } catch {
      this.#applying = false;
    }
  }

  /** The person chose Later: ask again on the next visit. */
  dismiss(): void {
    this.#available = false;
  }

  reset(): void {
    this.#available = false;
    this.#applying = false;
    this.#apply = undefined;
  }
}
