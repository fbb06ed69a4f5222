/**
 * The Library Durable Object's SQLite schema, as numbered steps. Append only: a deployed step is
 * never edited, because libraries that already ran it would not run it again.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: devices and the budget ledger (DESIGN.md §4).
  `
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- SHA-256 of the token's secret; the token itself is never stored.
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at TEXT
  );
  CREATE TABLE budget_ledger (
    id TEXT PRIMARY KEY,
    -- UTC day (YYYY-MM-DD) the tokens count against.
    day TEXT NOT NULL,
    reserved_tokens INTEGER NOT NULL,
    spent_tokens INTEGER,
    status TEXT NOT NULL CHECK (status IN ('reserved', 'settled')),
    created_at TEXT NOT NULL,
    settled_at TEXT,
    model TEXT,
    cost_usd REAL,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    cached_tokens INTEGER
  );
  -- Serves the "used today" sum that every reservation checks.
  CREATE INDEX budget_ledger_by_day ON budget_ledger (day, status);
  `,
  // 2: cost reservations for the monthly cost cap, and the reply cache (DESIGN.md §2, §4).
  `
  -- USD set aside by an open reservation (the estimate), so concurrent calls cannot overspend cost.
  ALTER TABLE budget_ledger ADD COLUMN reserved_cost_usd REAL;
  -- Validated results by idempotency key, so a retry after a lost connection costs nothing.
  -- Holds the CatalogResult only (reply, card, usage), never the prompt; rows expire.
  CREATE TABLE reply_cache (
    key TEXT PRIMARY KEY,
    result TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  -- Serves the sweep of expired rows.
  CREATE INDEX reply_cache_by_expiry ON reply_cache (expires_at);
  `,
  // 3: sync (shared/sync/SYNC-SPEC.md). Only ids, clocks, sizes and ciphertext (SYNC-16).
  `
  CREATE TABLE sync_revisions (
    -- The server sequence pull cursors count in (SYNC-8).
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    -- UNIQUE serves the "already stored?" lookup that makes a re-pushed revision a no-op.
    rev_id TEXT NOT NULL UNIQUE,
    entry_id TEXT NOT NULL,
    parent_rev_id TEXT,
    -- JSON array of further parents (a merge), or NULL.
    merged_rev_ids TEXT,
    device_id TEXT NOT NULL,
    hlc TEXT NOT NULL,
    size INTEGER NOT NULL,
    ciphertext BLOB NOT NULL
  );
  -- Every mutation id each device has sent, applied or rejected with its reason (SYNC-6, SYNC-9).
  -- A set, not a high-water mark: pushes may arrive out of order.
  CREATE TABLE sync_mutations (
    device_id TEXT NOT NULL,
    mutation_id INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
    reason TEXT,
    PRIMARY KEY (device_id, mutation_id)
  ) WITHOUT ROWID;
  `,
  // 4: the library key's server-side helpers (SYNC-18a, SYNC-19a). Wrapped blobs only.
  `
  -- The library key wrapped by the passphrase; one row, replaced only by a conditional write.
  CREATE TABLE library_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- JSON of a PassphraseWrappedKey: KDF parameters, salt, IV and ciphertext.
    wrapped_key TEXT NOT NULL,
    -- A hash of the key (libraryKeyCheck), so a recovery code can be matched to this library.
    key_check TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  -- Pairing envelopes waiting for the new device: read once, gone after ten minutes.
  CREATE TABLE key_handoffs (
    request_id TEXT PRIMARY KEY,
    envelope TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 5: compaction of seen mutation ids (SYNC-6a): a floor per device replaces its applied rows.
  `
  -- Every mutation id <= floor has been seen from the device; its applied rows are gone.
  CREATE TABLE sync_mutation_floors (
    device_id TEXT PRIMARY KEY,
    floor INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
];

/** Whether this object has ever been set up; an unknown library must not get storage. */
export function hasSchema(sql: SqlStorage): boolean {
  return (
    sql
      .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
      .toArray().length > 0
  );
}

/** Runs the steps this database has not run yet, each in its own transaction. */
export function migrate(
  storage: DurableObjectStorage,
  steps: readonly string[] = MIGRATIONS,
): void {
  const { sql } = storage;
  sql.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = sql.exec<{ version: number }>('SELECT version FROM schema_version').toArray()[0];
  if (!row) sql.exec('INSERT INTO schema_version (version) VALUES (0)');
  for (let version = row?.version ?? 0; version < steps.length; version += 1) {
    const step = steps[version] ?? '';
    storage.transactionSync(() => {
      sql.exec(step);
      sql.exec('UPDATE schema_version SET version = ?', version + 1);
    });
  }
}
