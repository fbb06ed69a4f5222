import { base64ToBytes, bytesToBase64 } from '#shared/sync/base64';
import type { MutationOutcome, SyncStore } from '#shared/sync/server-log';
import type { PulledRevision, RejectReason, Revision } from '#shared/sync/wire';

/**
 * The Library's `SyncStore` (shared/sync/server-log.ts) over its SQLite tables (migration 3).
 * Only ids, clocks, sizes and ciphertext are written: nothing a person wrote is readable here.
 */
export function sqlSyncStore(storage: DurableObjectStorage): SyncStore {
  const { sql } = storage;
  return {
    transaction: (fn) => storage.transactionSync(fn),
    findMutation(deviceId, mutationId) {
      const row = sql
        .exec<{ status: string; reason: string | null }>(
          'SELECT status, reason FROM sync_mutations WHERE device_id = ? AND mutation_id = ?',
          deviceId,
          mutationId,
        )
        .toArray()[0];
      if (!row) return null;
      return row.status === 'applied'
        ? { status: 'applied' }
        : { status: 'rejected', reason: row.reason as RejectReason };
    },
    recordMutation(deviceId: string, mutationId: number, outcome: MutationOutcome) {
      sql.exec(
        'INSERT INTO sync_mutations (device_id, mutation_id, status, reason) VALUES (?, ?, ?, ?)',
        deviceId,
        mutationId,
        outcome.status,
        outcome.status === 'rejected' ? outcome.reason : null,
      );
    },
    mutationFloor(deviceId) {
      const row = sql
        .exec<{ floor: number }>(
          'SELECT floor FROM sync_mutation_floors WHERE device_id = ?',
          deviceId,
        )
        .toArray()[0];
      return row?.floor ?? 0;
    },
    mutationIdsAbove(deviceId, floor, limit) {
      return sql
        .exec<{ mutation_id: number }>(
          `SELECT mutation_id FROM sync_mutations WHERE device_id = ? AND mutation_id > ?
           ORDER BY mutation_id LIMIT ?`,
          deviceId,
          floor,
          limit,
        )
        .toArray()
        .map((row) => row.mutation_id);
    },
    compactMutations(deviceId, floor) {
      sql.exec(
        `INSERT INTO sync_mutation_floors (device_id, floor) VALUES (?, ?)
         ON CONFLICT (device_id) DO UPDATE SET floor = excluded.floor`,
        deviceId,
        floor,
      );
      sql.exec(
        `DELETE FROM sync_mutations
         WHERE device_id = ? AND mutation_id <= ? AND status = 'applied'`,
        deviceId,
        floor,
      );
    },
    findRevisionEntry(revId) {
      const row = sql
        .exec<{ entry_id: string }>('SELECT entry_id FROM sync_revisions WHERE rev_id = ?', revId)
        .toArray()[0];
      return row?.entry_id ?? null;
    },
    insertRevision(revision: Revision) {
      const row = sql
        .exec<{ seq: number }>(
          `INSERT INTO sync_revisions
             (rev_id, entry_id, parent_rev_id, merged_rev_ids, device_id, hlc, size, ciphertext)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
          revision.revId,
          revision.entryId,
          revision.parentRevId,
          revision.mergedRevIds?.length ? JSON.stringify(revision.mergedRevIds) : null,
          revision.deviceId,
          revision.hlc,
          revision.size,
          base64ToBytes(revision.ciphertext).buffer,
        )
        .one();
      return row.seq;
    },
    lastSeq() {
      return sql
        .exec<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM sync_revisions')
        .one().seq;
    },
    revisionsAfter(cursor, limit) {
      return sql
        .exec<RevisionRow>(
          'SELECT * FROM sync_revisions WHERE seq > ? ORDER BY seq LIMIT ?',
          cursor,
          limit,
        )
        .toArray()
        .map(toPulledRevision);
    },
    highestMutationRow(deviceId) {
      return sql
        .exec<{ last: number }>(
          'SELECT COALESCE(MAX(mutation_id), 0) AS last FROM sync_mutations WHERE device_id = ?',
          deviceId,
        )
        .one().last;
    },
    revIdsUpTo(cursor) {
      return sql
        .exec<{ rev_id: string }>('SELECT rev_id FROM sync_revisions WHERE seq <= ?', cursor)
        .toArray()
        .map((row) => row.rev_id);
    },
  };
}

interface RevisionRow extends Record<string, SqlStorageValue> {
  seq: number;
  rev_id: string;
  entry_id: string;
  parent_rev_id: string | null;
  merged_rev_ids: string | null;
  device_id: string;
  hlc: string;
  size: number;
  ciphertext: ArrayBuffer;
}

function toPulledRevision(row: RevisionRow): PulledRevision {
  const revision: PulledRevision = {
    seq: row.seq,
    entryId: row.entry_id,
    revId: row.rev_id,
    parentRevId: row.parent_rev_id,
    deviceId: row.device_id,
    hlc: row.hlc,
    ciphertext: bytesToBase64(new Uint8Array(row.ciphertext)),
    size: row.size,
  };
  if (row.merged_rev_ids) revision.mergedRevIds = JSON.parse(row.merged_rev_ids) as string[];
  return revision;
}
