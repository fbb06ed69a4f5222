import type { DeviceCredentials } from '#shared/devices';
import { loadCredentials, saveCredentials } from './credentials.ts';
import type { MemoryLibraryDb } from './database.ts';
import { saveSignedOut } from './device-session.ts';
import { saveDeviceName } from './preferences.ts';

/**
 * This device's identity in one transaction: its credentials, the name it registered under, and
 * no longer signed out. Another page of this browser never reads half of it.
 */
export async function storeIdentity(
  db: MemoryLibraryDb,
  credentials: DeviceCredentials,
  name: string,
): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    await saveCredentials(db, credentials);
    await saveDeviceName(db, name);
    await saveSignedOut(db, false);
  });
}

/**
 * The same for a new registration, unless credentials are stored already: another page of this
 * browser registered or joined a library while this one's registration was on its way, and the
 * device keeps that identity. Answers the credentials that are stored afterwards.
 */
export async function storeIdentityUnlessStored(
  db: MemoryLibraryDb,
  credentials: DeviceCredentials,
  name: string,
): Promise<DeviceCredentials> {
  return db.transaction('rw', db.kv, async () => {
    const stored = await loadCredentials(db);
    if (stored) return stored;
    await storeIdentity(db, credentials, name);
    return credentials;
  });
}
