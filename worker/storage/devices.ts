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
