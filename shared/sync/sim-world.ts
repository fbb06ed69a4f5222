import { memoryStore } from './memory-store.ts';
import { applyPush, pullPage } from './server-log.ts';
import { SimDevice, type OutboxRow } from './sim-device.ts';
import type { PushResponse } from './wire.ts';

/**
 * The seeded world of simulation.test.ts: five devices, one server running the Durable Object's
 * own rules over an in-memory store, and a network that drops, duplicates, reorders and loses
 * answers after the server committed (SYNC-20).
 */

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Message =
  | { kind: 'push'; device: SimDevice; epoch: number; rows: OutboxRow[] }
  | { kind: 'reply'; device: SimDevice; epoch: number; reply: PushResponse };

export interface Save {
  deviceId: string;
  entryId: string;
  revId: string;
  text: string;
}

export interface Stats {
  saves: number;
  conflictsSeen: number;
  autoMerged: number;
  resolved: number;
  dropped: number;
  duplicated: number;
  lostAfterCommit: number;
  crashes: number;
  invalid: number;
}

const SKEWS = [0, 24 * 3600_000, -365 * 24 * 3600_000, 5 * 60_000, -3_000];

export class World {
  readonly random: () => number;
  readonly store = memoryStore();
  readonly devices: SimDevice[];
  readonly saves: Save[] = [];
  readonly invalid = new Map<string, number[]>();
  network: Message[] = [];
  now = Date.UTC(2026, 10, 29);
  ids = 0;
  readonly stats: Stats = {
    saves: 0,
    conflictsSeen: 0,
    autoMerged: 0,
    resolved: 0,
    dropped: 0,
    duplicated: 0,
    lostAfterCommit: 0,
    crashes: 0,
    invalid: 0,
  };

  constructor(readonly seed: number) {
    this.random = mulberry32(seed);
    this.devices = SKEWS.map((skew, index) => new SimDevice(`dev${index}`, skew));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  newId(prefix: string): string {
    this.ids += 1;
    return `${prefix}${this.seed}x${this.ids}`;
  }

  sendPush(device: SimDevice, max: number): void {
    const rows = device.takeBatch(max);
    if (rows.length > 0) this.network.push({ kind: 'push', device, epoch: device.epoch, rows });
  }

  /** Delivers message `index`; `loseAnswer` is a push the server committed but never answered. */
  deliver(index: number, loseAnswer = false): void {
    const [message] = this.network.splice(index, 1);
    if (!message) return;
    if (message.kind === 'push') {
      const reply = {
        ...applyPush(this.store, message.device.id, message.rows),
        serverTime: this.now,
      };
      if (loseAnswer) this.stats.lostAfterCommit += 1;
      else this.network.push({ ...message, kind: 'reply', reply });
    } else if (message.epoch === message.device.epoch) {
      message.device.acknowledge(message.reply);
    }
  }

  pull(device: SimDevice, limit: number): boolean {
    const page = pullPage(this.store, device.id, device.durable.cursor, limit);
    device.applyPull({ ...page, serverTime: this.now }, this.now);
    return page.hasMore;
  }

  crash(device: SimDevice): void {
    device.epoch += 1;
    this.stats.crashes += 1;
  }

  /** Everyone online, the network drained, every outbox pushed and every device pulled. */
  quiesce(): void {
    for (const device of this.devices) device.isOnline = true;
    while (this.network.length > 0) this.deliver(0);
    for (let round = 0; round < 2; round += 1) {
      for (const device of this.devices) {
        while (device.durable.outbox.length > 0) {
          this.sendPush(device, 50);
          while (this.network.length > 0) this.deliver(0);
        }
      }
      for (const device of this.devices) while (this.pull(device, 100));
    }
  }
}
