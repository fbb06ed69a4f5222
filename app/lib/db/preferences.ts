import type { MemoryLibraryDb } from './database.ts';

export type LanguageChoice = 'en' | 'zh';

const LANGUAGE_KEY = 'language';
const DEVICE_NAME_KEY = 'deviceName';

const LANGUAGE_HINT_KEY = 'memory-library:language';

/**
 * The language choice as last saved, read synchronously from localStorage: the first screen is
 * painted in it before IndexedDB is open. IndexedDB stays the record (loadLanguageChoice).
 */
export function readLanguageHint(): LanguageChoice | undefined {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_HINT_KEY);
    return value === 'en' || value === 'zh' ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeLanguageHint(choice: LanguageChoice | undefined): void {
  try {
    if (choice === undefined) globalThis.localStorage?.removeItem(LANGUAGE_HINT_KEY);
    else globalThis.localStorage?.setItem(LANGUAGE_HINT_KEY, choice);
  } catch {
    // Storage blocked: the first screen follows the browser until IndexedDB is read.
  }
}

/** The language the person picked in Settings, or undefined to follow the browser. */
export async function loadLanguageChoice(db: MemoryLibraryDb): Promise<LanguageChoice | undefined> {
  const value = (await db.kv.get(LANGUAGE_KEY))?.value;
  return value === 'en' || value === 'zh' ? value : undefined;
}

export async function saveLanguageChoice(
  db: MemoryLibraryDb,
  choice: LanguageChoice | undefined,
): Promise<void> {
  writeLanguageHint(choice);
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
