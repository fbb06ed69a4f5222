import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clockOffset,
  formatHlc,
  MAX_FORWARD_DRIFT_MS,
  parseHlc,
  receive,
  tick,
  zeroHlc,
} from './hlc.ts';

const DAY = 24 * 3600_000;
const NOW = Date.UTC(2026, 10, 29);
const time = fc.integer({ min: 0, max: 4_000_000_000_000 });
const deviceId = fc.stringMatching(/^[a-z0-9]{1,8}$/);

describe('hybrid logical clock', () => {
  it('SYNC-3: round-trips through its string form', () => {
    fc.assert(
      fc.property(time, fc.integer({ min: 0, max: 36 ** 6 - 1 }), deviceId, (ms, counter, id) => {
        expect(parseHlc(formatHlc({ ms, counter, deviceId: id }))).toEqual({
          ms,
          counter,
          deviceId: id,
        });
      }),
    );
  });

  it('SYNC-3: string order is (ms, counter, device) order', () => {
    const stamp = fc.record({
      ms: time,
      counter: fc.integer({ min: 0, max: 36 ** 6 - 1 }),
      deviceId,
    });
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        const byFields =
          a.ms - b.ms ||
          a.counter - b.counter ||
          (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0);
        const byString = formatHlc(a) < formatHlc(b) ? -1 : formatHlc(a) > formatHlc(b) ? 1 : 0;
        expect(Math.sign(byString)).toBe(Math.sign(byFields));
      }),
    );
  });

  it('SYNC-3: is strictly monotonic through any mix of ticks and receives, whatever the wall clock does', () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), now: time }),
      fc.record({
        kind: fc.constant('receive' as const),
        now: time,
        remote: time,
        counter: fc.nat(1000),
      }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let clock = zeroHlc('me');
        for (const step of events) {
          const next =
            step.kind === 'tick'
              ? tick(clock, step.now)
              : receive(
                  clock,
                  formatHlc({ ms: step.remote, counter: step.counter, deviceId: 'you' }),
                  step.now,
                );
          expect(next > clock).toBe(true);
          clock = next;
        }
      }),
    );
  });

  it('SYNC-3: sorts causally: whatever a device writes after seeing a stamp sorts after it', () => {
    fc.assert(
      fc.property(time, time, fc.nat(1000), time, (remoteMs, localNow, counter, later) => {
        const remote = formatHlc({
          ms: Math.min(remoteMs, localNow + MAX_FORWARD_DRIFT_MS),
          counter,
          deviceId: 'a',
        });
        const seen = receive(zeroHlc('b'), remote, localNow);
        expect(seen > remote).toBe(true);
        expect(tick(seen, later) > remote).toBe(true);
      }),
    );
  });

  it('SYNC-3: follows a device a day fast exactly', () => {
    const fast = tick(zeroHlc('fast'), NOW + DAY);
    const mine = receive(tick(zeroHlc('me'), NOW), fast, NOW);
    expect(parseHlc(mine).ms).toBe(NOW + DAY);
    expect(tick(mine, NOW + 1000) > fast).toBe(true);
  });

  it('SYNC-3: a device a year slow orders its edits after what it has seen, once the server corrects its clock', () => {
    const slowNow = NOW - 365 * DAY;
    const remote = formatHlc({ ms: NOW, counter: 3, deviceId: 'me' });
    // The pull answer's serverTime gives the offset the device adds to its wall clock.
    const offset = clockOffset(NOW, slowNow, slowNow + 200);
    expect(offset).toBe(NOW - slowNow - 100);
    const seen = receive(tick(zeroHlc('slow'), slowNow), remote, slowNow + 200 + offset);
    expect(tick(seen, slowNow + 5000 + offset) > remote).toBe(true);
    // Uncorrected, its own edits still only go forward.
    const own = tick(zeroHlc('slow'), slowNow);
    expect(tick(own, slowNow - DAY) > own).toBe(true);
  });

  it('SYNC-3: a clock set decades ahead pulls others forward by at most 30 days', () => {
    const poisoned = formatHlc({ ms: Date.UTC(2099, 0, 1), counter: 0, deviceId: 'bad' });
    const mine = receive(tick(zeroHlc('me'), NOW), poisoned, NOW);
    expect(parseHlc(mine).ms).toBe(NOW + MAX_FORWARD_DRIFT_MS);
  });

  it('SYNC-3: a full counter carries into the milliseconds and keeps order', () => {
    const full = formatHlc({ ms: NOW, counter: 36 ** 6 - 1, deviceId: 'me' });
    const next = tick(full, NOW);
    expect(next > full).toBe(true);
    expect(parseHlc(next)).toEqual({ ms: NOW + 1, counter: 0, deviceId: 'me' });
  });
});
