import type { Transaction } from 'dexie';
import { indexMemory } from './search-index.ts';
import type { IndexTables } from './search-index.ts';
import type { Memory, MemoryLibraryDb, Revision } from './database.ts';
import { ensureLocalDeviceId } from './device-id.ts';
import { newId } from './ids.ts';

/**
 * Version 1 → 2: every memory gets the new fields (no mood, no tags, not private, not deleted),
 * a first revision holding its text, and its place in the search index. Runs once, inside the
 * version-change transaction, so a failure leaves version 1 as it was.
 */
export async function upgradeToVersion2(tx: Transaction): Promise<void> {
  const deviceId = await ensureLocalDeviceId(tx.table('kv') as MemoryLibraryDb['kv']);
  const memories = (await tx.table('memories').toArray()) as Partial<Memory>[];
  const tables = {
    searchDocs: tx.table('searchDocs'),
    kv: tx.table('kv'),
  } as unknown as IndexTables;
  for (const old of memories) {
    const revision: Revision = {
      revId: newId(),
      entryId: old.id!,
      parentRevId: null,
      deviceId,
      text: old.text ?? '',
      writtenAt: old.writtenAt!,
      mood: null,
      tags: [],
      isPrivate: false,
      createdAt: old.createdAt!,
      createdAtMs: Date.parse(old.createdAt!),
      reason: 'create',
    };
    const memory = {
      ...old,
      headRevId: revision.revId,
      updatedAt: revision.createdAt,
      mood: null,
      tags: [],
      isPrivate: false,
      deletedAt: null,
      monthDay: monthDayOf(old.writtenAt!),
    } as Memory;
    await tx.table('revisions').add(revision);
    await tx.table('memories').put(memory);
    await indexMemory(tables, memory);
  }
  // The forward rows stay pending: search reads them, and the first search or save asks for a
  // merge in idle time (the merge's code is not loaded inside this transaction).
}

/** `MM-DD` as the writer saw it: the date part of an ISO string with offset. */
export function monthDayOf(writtenAt: string): string {
  return writtenAt.slice(5, 10);
}
