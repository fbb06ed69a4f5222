import type { Locator, Page } from 'playwright-core';

/** A memory page's "Versions of this memory" region (SYNC-12): every head's text side by side. */
export class VersionsRegion {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Versions of this memory' });
  }
  get versions(): Locator {
    return this.region.getByRole('group');
  }
  get keepButtons(): Locator {
    return this.region.getByRole('button', { name: 'Keep this version' });
  }
}

/** Settings' Sync section: last sync, what waits and why, and the not-synced list. */
export class SyncSection {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Sync' });
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/settings?lang=en`);
    await this.section.waitFor();
  }
}

/**
 * Puts the same library key on a device the way the key screens do (`saveLibraryKey` into kv,
 * then `library-key-changed`), for as long as those screens are not on this branch. `raw` is the
 * 32-byte key; the library id is the device's own, read from its stored credentials.
 */
export async function placeLibraryKey(page: Page, raw: number[]): Promise<void> {
  await page.evaluate(async (bytes) => {
    const open = indexedDB.open('memory-library');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const read = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const device = (await read(db.transaction('kv').objectStore('kv').get('device'))) as {
      value: { libraryId: string };
    };
    const key = await crypto.subtle.importKey(
      'raw',
      new Uint8Array(bytes),
      { name: 'AES-GCM' },
      false,
      ['encrypt', 'decrypt'],
    );
    const value = { key, libraryId: device.value.libraryId, storedAt: new Date().toISOString() };
    await read(
      db.transaction('kv', 'readwrite').objectStore('kv').put({ key: 'libraryKey', value }),
    );
    db.close();
    window.dispatchEvent(new Event('library-key-changed'));
  }, raw);
}
