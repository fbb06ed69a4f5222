import { DeviceCredentialsSchema, type DeviceCredentials } from '#shared/devices';
import type { MemoryLibraryDb } from './database.ts';

const CREDENTIALS_KEY = 'device';

/** This device's registration with the server, or undefined before the first registration. */
export async function loadCredentials(db: MemoryLibraryDb): Promise<DeviceCredentials | undefined> {
  const row = await db.kv.get(CREDENTIALS_KEY);
  const parsed = DeviceCredentialsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : undefined;
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
