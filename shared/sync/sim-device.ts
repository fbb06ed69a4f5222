import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { clockOffset, receive, tick, zeroHlc } from './hlc.ts';
import { decodePayload, encodePayload, type FieldValues } from './payload.ts';
import {
  applyRemoteRevisions,
  reviseEntry,
  viewEntry,
  type EntryView,
  type LocalRevision,
  type Replica,
} from './replica.ts';
import type { PullResponse, PushResponse, Revision } from './wire.ts';

/**
 * A simulated device for the seeded simulation (simulation.test.ts): what survives a crash
 * (`durable`, like Dexie) and the client rules: outbox rows go only after an ack (SYNC-9,
 * SYNC-10), pulled revisions are applied by revId (SYNC-14). Encryption is replaced by a
 * plain base64 codec so thousands of runs stay fast; crypto.test.ts covers the real one.
 */

export interface OutboxRow {
  mutationId: number;
  revision: unknown;
}

export interface DeviceDurable {
  replica: Replica;
  outbox: OutboxRow[];
  nextMutationId: number;
  cursor: number;
  hlc: string;
  /** Added to this device's wall clock: learned from the server's time (SYNC-3). */
  clockOffsetMs: number;
  /** revIds the server has sent back: what the digest is compared over (SYNC-15). */
  pulled: Set<string>;
  notSynced: { mutationId: number; reason: string }[];
}

export function encodeRevision(local: LocalRevision): Revision {
  const bytes = new TextEncoder().encode(encodePayload(local.payload, local.hlc));
  const { payload: _payload, ...meta } = local;
  return { ...meta, ciphertext: bytesToBase64(bytes), size: bytes.length };
}

export function decodeRevision(revision: Revision): LocalRevision {
  const { ciphertext, size: _size, ...meta } = revision;
  const { seq: _seq, ...rest } = meta as typeof meta & { seq?: number };
  const payload = decodePayload(new TextDecoder().decode(base64ToBytes(ciphertext)), meta.hlc);
  return { ...rest, payload };
}

export class SimDevice {
  durable: DeviceDurable;
  isOnline = true;
  /** Bumped by a crash: answers to requests sent before it are lost with the process. */
  epoch = 0;

  constructor(
    readonly id: string,
    /** This device's clock error in ms (a day fast, a year slow …). */
    readonly skewMs: number,
  ) {
    this.durable = {
      replica: new Map(),
      outbox: [],
      nextMutationId: 1,
      cursor: 0,
      hlc: zeroHlc(id),
      clockOffsetMs: 0,
      pulled: new Set(),
      notSynced: [],
    };
  }

  view(entryId: string): EntryView | null {
    const revisions = this.durable.replica.get(entryId);
    return revisions ? viewEntry(entryId, revisions) : null;
  }

  /** One save: revision, replica and outbox row commit together (DESIGN.md §2 step 2). */
  save(
    entryId: string,
    revId: string,
    change: { text?: string; fields?: Partial<FieldValues> },
    now: number,
  ): LocalRevision {
    const hlc = tick(this.durable.hlc, this.clock(now));
    const revision = reviseEntry(this.view(entryId), {
      entryId,
      revId,
      deviceId: this.id,
      hlc,
      ...change,
    });
    this.durable = {
      ...this.durable,
      hlc,
      replica: applyRemoteRevisions(this.durable.replica, [revision]).replica,
      outbox: [
        ...this.durable.outbox,
        { mutationId: this.durable.nextMutationId, revision: encodeRevision(revision) },
      ],
      nextMutationId: this.durable.nextMutationId + 1,
    };
    return revision;
  }

  /** A mutation no server could accept, to prove it does not block the queue (SYNC-9). */
  queueInvalid(): number {
    const mutationId = this.durable.nextMutationId;
    this.durable.outbox = [...this.durable.outbox, { mutationId, revision: { broken: true } }];
    this.durable.nextMutationId += 1;
    return mutationId;
  }

  takeBatch(max: number): OutboxRow[] {
    return this.durable.outbox.slice(0, max);
  }

  /** SYNC-10: a row leaves the outbox only when the server answered for it. */
  acknowledge(reply: PushResponse): void {
    const done = new Set([...reply.acked, ...reply.rejected.map((row) => row.mutationId)]);
    this.durable.outbox = this.durable.outbox.filter((row) => !done.has(row.mutationId));
    for (const row of reply.rejected) {
      if (!this.durable.notSynced.some((seen) => seen.mutationId === row.mutationId)) {
        this.durable.notSynced.push(row);
      }
    }
  }

  /** What this device believes the time is: its wrong wall clock, corrected by the server's. */
  clock(now: number): number {
    return now + this.skewMs + this.durable.clockOffsetMs;
  }

  applyPull(page: PullResponse, now: number): void {
    const clockOffsetMs = clockOffset(page.serverTime, now + this.skewMs, now + this.skewMs);
    let hlc = this.durable.hlc;
    const locals = page.revisions.map((revision) => {
      hlc = receive(hlc, revision.hlc, now + this.skewMs + clockOffsetMs);
      return decodeRevision(revision);
    });
    const pulled = new Set(this.durable.pulled);
    for (const revision of page.revisions) pulled.add(revision.revId);
    this.durable = {
      ...this.durable,
      hlc,
      replica: applyRemoteRevisions(this.durable.replica, locals).replica,
      cursor: page.cursor,
      clockOffsetMs,
      pulled,
    };
  }
}
