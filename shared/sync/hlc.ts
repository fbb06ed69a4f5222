/**
 * Hybrid logical clock (SYNC-3) as a string that sorts in time order:
 * `<ms, 15 digits>-<counter, 6 base-36 digits>-<deviceId>`. Fixed widths make string order equal
 * to (ms, counter, deviceId) order, so SQL, IndexedDB and `<` all agree.
 */

export interface Hlc {
  ms: number;
  counter: number;
  deviceId: string;
}

const MS_WIDTH = 15;
const COUNTER_WIDTH = 6;
const COUNTER_LIMIT = 36 ** COUNTER_WIDTH;

export const HLC_PATTERN = /^\d{15}-[0-9a-z]{6}-[A-Za-z0-9_-]{1,64}$/;

/**
 * How far ahead of our own (server-corrected) wall clock a remote stamp may pull us. A device a
 * day fast is followed exactly; a device set to 2099 can poison last-writer-wins for at most this
 * long instead of forever. Text is never decided by the clock, so the cost is bounded to small
 * fields (SYNC-13).
 */
export const MAX_FORWARD_DRIFT_MS = 30 * 24 * 3600 * 1000;

export function formatHlc({ ms, counter, deviceId }: Hlc): string {
  return `${String(ms).padStart(MS_WIDTH, '0')}-${counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${deviceId}`;
}

export function parseHlc(text: string): Hlc {
  if (!HLC_PATTERN.test(text)) throw new Error('not a hybrid logical clock');
  return {
    ms: Number(text.slice(0, MS_WIDTH)),
    counter: parseInt(text.slice(MS_WIDTH + 1, MS_WIDTH + 1 + COUNTER_WIDTH), 36),
    deviceId: text.slice(MS_WIDTH + COUNTER_WIDTH + 2),
  };
}

export function zeroHlc(deviceId: string): string {
  return formatHlc({ ms: 0, counter: 0, deviceId });
}

/** The next stamp for a local event: after `last` and, when the clock allows, at `now`. */
export function tick(last: string, now: number): string {
  const previous = parseHlc(last);
  const wall = Math.max(0, Math.floor(now));
  if (wall > previous.ms) return formatHlc({ ms: wall, counter: 0, deviceId: previous.deviceId });
  return bump(previous.ms, previous.counter + 1, previous.deviceId);
}

/**
 * Our clock after seeing a remote stamp: after both `last` and `remote`, so anything we write
 * next sorts after what we have seen (causality), with the remote's physical part capped at
 * `now + MAX_FORWARD_DRIFT_MS`.
 */
export function receive(last: string, remote: string, now: number): string {
  const local = parseHlc(last);
  const other = parseHlc(remote);
  const wall = Math.max(0, Math.floor(now));
  const cap = wall + MAX_FORWARD_DRIFT_MS;
  const otherMs = Math.min(other.ms, cap);
  const otherCounter = other.ms > cap ? 0 : other.counter;
  const ms = Math.max(local.ms, otherMs, wall);
  let counter = 0;
  if (ms === local.ms && ms === otherMs) counter = Math.max(local.counter, otherCounter) + 1;
  else if (ms === local.ms) counter = local.counter + 1;
  else if (ms === otherMs) counter = otherCounter + 1;
  return bump(ms, counter, local.deviceId);
}

/** A full counter carries into the milliseconds: order is kept, the clock runs a hair fast. */
function bump(ms: number, counter: number, deviceId: string): string {
  if (counter < COUNTER_LIMIT) return formatHlc({ ms, counter, deviceId });
  return formatHlc({ ms: ms + 1, counter: 0, deviceId });
}

/** The clock offset to add to `Date.now()`, learned from a server answer (SYNC-3). */
export function clockOffset(serverTime: number, sentAt: number, receivedAt: number): number {
  return Math.round(serverTime - (sentAt + receivedAt) / 2);
}
