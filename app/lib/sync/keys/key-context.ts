import { importLibraryKey } from '#shared/sync/crypto';
import type { ApiError, ApiResult } from '../../api/result.ts';
import type { KeysApi } from '../../api/keys-client.ts';
import type { MemoryLibraryDb } from '../../db/database.ts';
import { loadLibraryKey, saveLibraryKey } from './library-key.ts';

/** What every key flow needs: the database, the key routes, and this device's membership. */
export interface KeysContext {
  db: MemoryLibraryDb;
  api: KeysApi;
  /** The library this device belongs to now (its credentials'). */
  libraryId: string;
  /** Runs an authenticated call (DeviceState.withToken: a 401 signs the device out). */
  withToken<T>(call: (token: string) => Promise<ApiResult<T>>): Promise<ApiResult<T>>;
}

export type KeyProblem =
  /** The passphrase does not open the library's wrapped key. */
  | 'wrong-passphrase'
  | 'invalid-recovery-code'
  /** The library has no wrapped key on the server: nobody has set up encryption yet. */
  | 'no-key'
  /** Another device set up or changed the key first. */
  | 'conflict'
  /** A pairing answer that this device cannot open (sent for another request or library). */
  | 'unreadable'
  /** The server could not be reached or refused; `error` says why. */
  | 'failed';

export type KeyOutcome = { ok: true } | { ok: false; problem: KeyProblem; error?: ApiError };

/** The event the sync engine listens for: the key it should read has changed. */
export const LIBRARY_KEY_CHANGED = 'library-key-changed';

export function problemOf(error: ApiError): KeyOutcome {
  if (error.code === 'conflict') return { ok: false, problem: 'conflict', error };
  if (error.code === 'not-found') return { ok: false, problem: 'no-key', error };
  return { ok: false, problem: 'failed', error };
}

/**
 * Keeps the key on this device as a non-extractable CryptoKey for `libraryId`, then tells the
 * sync engine. An extractable key is re-imported so that page script can never read it back.
 */
export async function keepLibraryKey(
  db: MemoryLibraryDb,
  key: CryptoKey,
  libraryId: string,
): Promise<void> {
  const kept = key.extractable
    ? await importLibraryKey(new Uint8Array(await crypto.subtle.exportKey('raw', key)), false)
    : key;
  await saveLibraryKey(db, { key: kept, libraryId });
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(LIBRARY_KEY_CHANGED));
}

/** Whether this device holds the key of the library it belongs to now. */
export async function holdsLibraryKey(db: MemoryLibraryDb, libraryId: string): Promise<boolean> {
  return (await loadLibraryKey(db))?.libraryId === libraryId;
}
