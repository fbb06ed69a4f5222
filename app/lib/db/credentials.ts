import type { DeviceCredentials } from '#shared/devices';
import type { MemoryLibraryDb } from './database.ts';

const CREDENTIALS_KEY = 'device';

/** This device's registration with the server, or undefined before the first registration. */
export async function loadCredentials(db: MemoryLibraryDb): Promise<DeviceCredentials | undefined> {
  const row = await db.kv.get(CREDENTIALS_KEY);
  return isCredentials(row?.value) ? row.value : undefined;
}

/**
 * The stored shape of DeviceCredentialsSchema, checked by hand: start-up reads this, and the
 * schema library stays out of the first screen's code.
 */
function isCredentials(value: unknown): value is DeviceCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const { libraryId, deviceId, token } = value as Record<string, unknown>;
  return typeof libraryId === 'string' && typeof deviceId === 'string' && typeof token === 'string';
}

export async function saveCredentials(
  db: MemoryLibraryDb,
  credentials: DeviceCredentials,
): Promise<void> {
  await db.kv.put({ key: CREDENTIALS_KEY, value: { ...credentials } });
}

export async function clearCredentials(db: MemoryLibraryDb): Promise<void> {
  await db.kv.delete(CREDENTIALS_KEY);
}
