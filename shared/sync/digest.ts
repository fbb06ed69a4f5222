import { bytesToHex } from './base64.ts';

/**
 * The after-sync comparison (SYNC-15): SHA-256 over the sorted revIds joined by "\n". Client and
 * server compute it over the revisions with seq ≤ the same cursor; different digests mean a
 * full reconcile, never silence.
 */
export async function digestRevIds(revIds: Iterable<string>): Promise<string> {
  const sorted = [...revIds].sort();
  const bytes = new TextEncoder().encode(sorted.join('\n'));
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}
