import type { Transaction } from 'dexie';
import type { Memory } from './database.ts';
import type { Mention } from './graph-tables.ts';
import { mentionsOf } from './graph.ts';

/**
 * Version 3 upgrade, memory graph part: memories catalogued before the graph existed get their
 * rows once here; from then on every card write keeps them (graph.ts).
 */
export async function fillMentions(tx: Transaction): Promise<void> {
  const rows: Mention[] = [];
  await tx
    .table<Memory, string>('memories')
    .toCollection()
    .each((memory) => {
      rows.push(...mentionsOf(memory));
    });
  if (rows.length > 0) await tx.table<Mention>('mentions').bulkPut(rows);
}
