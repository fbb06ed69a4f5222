import type { MemoryLibraryDb } from './database.ts';
import { newId } from './ids.ts';

const LOCAL_DEVICE_KEY = 'localDeviceId';

/**
 * This device's own id, made once and kept: every revision written here carries it. It exists
 * before (and without) registering with a server, so writing never waits for the network.
 */
export async function ensureLocalDeviceId(kv: MemoryLibraryDb['kv']): Promise<string> {
  const value = (await kv.get(LOCAL_DEVICE_KEY))?.value;
  if (typeof value === 'string') return value;
  const id = newId();
  await kv.put({ key: LOCAL_DEVICE_KEY, value: id });
  return id;
}
