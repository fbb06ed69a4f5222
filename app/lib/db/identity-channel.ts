const CHANNEL_NAME = 'memory-library:device-identity';

/**
 * Between the pages of this browser (tabs, the installed app's windows): "this device's identity
 * in IndexedDB changed". Each page holds the identity in memory, and without a word from the page
 * that changed it would go on using a token that was replaced or given up until it reloads. One
 * channel per page: a channel never hears its own messages, so a page hears only the others.
 */
export class IdentityChannel {
  #channel: BroadcastChannel | undefined;

  /** `listener` runs when another page announces a change. A no-op where browsers lack channels. */
  constructor(listener: () => void) {
    if (typeof BroadcastChannel !== 'function') return;
    this.#channel = new BroadcastChannel(CHANNEL_NAME);
    this.#channel.onmessage = () => listener();
  }

  /** Call after the change is committed: the other pages read it back from IndexedDB. */
  announce(): void {
    this.#channel?.postMessage('changed');
  }

  close(): void {
    this.#channel?.close();
    this.#channel = undefined;
  }
}
