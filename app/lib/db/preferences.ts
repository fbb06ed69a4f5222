import type { MemoryLibraryDb } from './database.ts';

export type LanguageChoice = 'en' | 'zh';

const LANGUAGE_KEY = 'language';
const DEVICE_NAME_KEY = 'deviceName';

/** The language the person picked in Settings, or undefined to follow the browser. */
export async function loadLanguageChoice(db: MemoryLibraryDb): Promise<LanguageChoice | undefined> {
  const value = (await db.kv.get(LANGUAGE_KEY))?.value;
  return value === 'en' || value === 'zh' ? value : undefined;
}

export async function saveLanguageChoice(
  db: MemoryLibraryDb,
  choice: LanguageChoice | undefined,
): Promise<void> {
  if (choice === undefined) await db.kv.delete(LANGUAGE_KEY);
  else await db.kv.put({ key: LANGUAGE_KEY, value: choice });
}

/** The name this device registered under, shown in Settings. */
export async function loadDeviceName(db: MemoryLibraryDb): Promise<string | undefined> {
  const value = (await db.kv.get(DEVICE_NAME_KEY))?.value;
  return typeof value === 'string' ? value : undefined;
}

export async function saveDeviceName(db: MemoryLibraryDb, name: string): Promise<void> {
  await db.kv.put({ key: DEVICE_NAME_KEY, value: name });
}
