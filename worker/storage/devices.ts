/** Queries on the devices table. */

export interface NewDevice {
  id: string;
  name: string;
  tokenHash: string;
  createdAt: string;
}

export function insertDevice(sql: SqlStorage, device: NewDevice): void {
  sql.exec(
    'INSERT INTO devices (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)',
    device.id,
    device.name,
    device.tokenHash,
    device.createdAt,
  );
}

/** The device a token hash belongs to, unless it was revoked. */
export function findActiveDevice(sql: SqlStorage, tokenHash: string): { id: string } | null {
  const row = sql
    .exec<{ id: string }>(
      'SELECT id FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
      tokenHash,
    )
    .toArray()[0];
  return row ?? null;
}

/** Records activity at most once a minute, so authenticating is not a write per request. */
export function touchDevice(sql: SqlStorage, deviceId: string, now: Date): void {
  const aMinuteAgo = new Date(now.getTime() - 60_000).toISOString();
  sql.exec(
    'UPDATE devices SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)',
    now.toISOString(),
    deviceId,
    aMinuteAgo,
  );
}

export interface DeviceRow {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
}

/** The library's devices that still work, oldest first. */
export function listActiveDevices(sql: SqlStorage): DeviceRow[] {
  return sql
    .exec<{ id: string; name: string; created_at: string; last_seen_at: string | null }>(
      `SELECT id, name, created_at, last_seen_at FROM devices
       WHERE revoked_at IS NULL ORDER BY created_at, id`,
    )
    .toArray()
    .map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
    }));
}

/** Revokes a device; false when this library has no such working device. */
export function revokeDevice(sql: SqlStorage, deviceId: string, now: Date): boolean {
  const cursor = sql.exec(
    'UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    now.toISOString(),
    deviceId,
  );
  return cursor.rowsWritten > 0;
}
