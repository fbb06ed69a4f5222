/** Whether the browser thinks it is online, kept current from `online`/`offline` events. */
export class ConnectivityState {
  #online = $state(true);

  get online(): boolean {
    return this.#online;
  }

  /** Start listening; `onChange` runs after each change. Returns a function that stops. */
  start(onChange: (online: boolean) => void): () => void {
    this.#online = navigator.onLine;
    const update = () => {
      this.#online = navigator.onLine;
      onChange(this.#online);
    };
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }

  /** For tests and for callers that learn it another way (a fetch that could not connect). */
  set(online: boolean): void {
    this.#online = online;
  }
}
