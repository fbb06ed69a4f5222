import type { MutationOutcome, SyncStore } from './server-log.ts';
import type { PulledRevision, Revision } from './wire.ts';

/**
 * An in-memory `SyncStore` with real rollback, for the simulation and for tests: the same
 * server rules as the Durable Object, without SQLite.
 */
export function memoryStore(): SyncStore & { revisions: readonly PulledRevision[] } {
  const revisions: PulledRevision[] = [];
  const byRevId = new Map<string, PulledRevision>();
  const mutations = new Map<string, Map<number, MutationOutcome>>();
  const floors = new Map<string, number>();
  // Undo steps of the open transaction, newest last; null outside a transaction.
  let journal: (() => void)[] | null = null;
  const rowsOf = (deviceId: string) => {
    let rows = mutations.get(deviceId);
    if (!rows) mutations.set(deviceId, (rows = new Map()));
    return rows;
  };
  return {
    revisions,
    transaction(fn) {
      if (journal) return fn();
      const undo: (() => void)[] = (journal = []);
      try {
        return fn();
      } catch (error) {
        for (const step of undo.reverse()) step();
        throw error;
      } finally {
        journal = null;
      }
    },
    findMutation: (deviceId, mutationId) => mutations.get(deviceId)?.get(mutationId) ?? null,
    recordMutation(deviceId, mutationId, outcome) {
      const rows = rowsOf(deviceId);
      if (rows.has(mutationId)) throw new Error('UNIQUE constraint failed: sync_mutations');
      rows.set(mutationId, outcome);
      journal?.push(() => rows.delete(mutationId));
    },
    mutationFloor: (deviceId) => floors.get(deviceId) ?? 0,
    mutationIdsAbove(deviceId, floor, limit) {
      const ids = [...(mutations.get(deviceId)?.keys() ?? [])].filter((id) => id > floor);
      return ids.sort((a, b) => a - b).slice(0, limit);
    },
    compactMutations(deviceId, floor) {
      const rows = rowsOf(deviceId);
      const before = floors.get(deviceId) ?? 0;
      const forgotten = [...rows].filter(
        ([id, outcome]) => id <= floor && outcome.status === 'applied',
      );
      for (const [id] of forgotten) rows.delete(id);
      floors.set(deviceId, floor);
      journal?.push(() => {
        floors.set(deviceId, before);
        for (const [id, outcome] of forgotten) rows.set(id, outcome);
      });
    },
    findRevisionEntry: (revId) => byRevId.get(revId)?.entryId ?? null,
    insertRevision(revision: Revision) {
      if (byRevId.has(revision.revId)) throw new Error('UNIQUE constraint failed: rev_id');
      const stored = { ...revision, seq: revisions.length + 1 };
      revisions.push(stored);
      byRevId.set(stored.revId, stored);
      journal?.push(() => {
        revisions.pop();
        byRevId.delete(stored.revId);
      });
      return stored.seq;
    },
    lastSeq: () => revisions.length,
    revisionsAfter: (cursor, limit) => revisions.slice(cursor, cursor + limit),
    highestMutationRow: (deviceId) => Math.max(0, ...(mutations.get(deviceId)?.keys() ?? [])),
    revIdsUpTo: (cursor) => revisions.slice(0, cursor).map((revision) => revision.revId),
  };
}
