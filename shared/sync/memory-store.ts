import type { MutationOutcome, SyncStore } from './server-log.ts';
import type { PulledRevision, Revision } from './wire.ts';

/**
 * An in-memory `SyncStore` with real rollback, for the simulation and for tests: the same
 * server rules as the Durable Object, without SQLite.
 */
export function memoryStore(): SyncStore & { revisions: readonly PulledRevision[] } {
  const revisions: PulledRevision[] = [];
  const byRevId = new Map<string, PulledRevision>();
  const mutations = new Map<string, MutationOutcome>();
  let journal: { revisions: number; mutationKeys: string[] } | null = null;
  const key = (deviceId: string, mutationId: number) => `${deviceId}\u0000${mutationId}`;
  return {
    revisions,
    transaction(fn) {
      if (journal) return fn();
      journal = { revisions: revisions.length, mutationKeys: [] };
      try {
        return fn();
      } catch (error) {
        for (const removed of revisions.splice(journal.revisions)) byRevId.delete(removed.revId);
        for (const mutationKey of journal.mutationKeys) mutations.delete(mutationKey);
        throw error;
      } finally {
        journal = null;
      }
    },
    findMutation: (deviceId, mutationId) => mutations.get(key(deviceId, mutationId)) ?? null,
    recordMutation(deviceId, mutationId, outcome) {
      const mutationKey = key(deviceId, mutationId);
      if (mutations.has(mutationKey)) throw new Error('UNIQUE constraint failed: sync_mutations');
      mutations.set(mutationKey, outcome);
      journal?.mutationKeys.push(mutationKey);
    },
    findRevisionEntry: (revId) => byRevId.get(revId)?.entryId ?? null,
    insertRevision(revision: Revision) {
      if (byRevId.has(revision.revId)) throw new Error('UNIQUE constraint failed: rev_id');
      const stored = { ...revision, seq: revisions.length + 1 };
      revisions.push(stored);
      byRevId.set(stored.revId, stored);
      return stored.seq;
    },
    lastSeq: () => revisions.length,
    revisionsAfter: (cursor, limit) => revisions.slice(cursor, cursor + limit),
    lastMutationId(deviceId) {
      let last = 0;
      for (const mutationKey of mutations.keys()) {
        const [owner, id] = mutationKey.split('\u0000');
        if (owner === deviceId) last = Math.max(last, Number(id));
      }
      return last;
    },
    revIdsUpTo: (cursor) => revisions.slice(0, cursor).map((revision) => revision.revId),
  };
}
