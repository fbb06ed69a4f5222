/**
 * Words typed on the Write page before the app's state has loaded. IndexedDB is not open yet (its
 * code is still on the way, or did not arrive), so they are kept in localStorage, written at once:
 * a reload ("Try again") or a closed tab brings them back, and the draft takes them over.
 */
const KEY = 'memory-library:typed-early';

export function readTypedEarly(): string {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function keepTypedEarly(text: string): void {
  try {
    if (text === '') globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, text);
  } catch {
    // Storage blocked: the words stay on screen, which is all this page can do before IndexedDB.
  }
}
