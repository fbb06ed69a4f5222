// Sync through the real Worker (wrangler's local workerd, real HTTP): push then pull of 1,000 and
// 10,000 new memories, encrypted as the app does, with the wire bytes per memory against the
// plaintext. Targets (issue 5): 1,000 memories both ways ≤ 5 s; bytes ≤ 1.4 × plaintext + 200 B.
import { request as httpRequest } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { unstable_startWorker } from 'wrangler';
import { offlineWranglerEnv } from '../scripts/wrangler-env.js';
import { importTs } from './support/bundle-ts.js';
import { markdownTable, round } from './support/stats.js';

export const name = 'sync-throughput';

/** Keeps a push body under the Worker's 256 KB limit, like the app's outbox batching. */
const MAX_BATCH_BYTES = 200 * 1024;

/** 128 random bits as base64url (22 characters): the id form the app uses. */
function newId() {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
}

async function call(base, path, token, init = {}) {
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...init.headers,
    },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/** A GET read off the socket, so the bytes counted are the (gzip-encoded) bytes on the wire. */
function getOnWire(base, path, token) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
    });
    request.on('response', (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const wire = Buffer.concat(chunks);
        const isGzip = response.headers['content-encoding'] === 'gzip';
        const text = (isGzip ? gunzipSync(wire) : wire).toString('utf8');
        if (response.statusCode !== 200) return reject(new Error(`${path}: ${text}`));
        resolve({ body: JSON.parse(text), bytes: Buffer.byteLength(text), wire: wire.length });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

async function measure(base, client, count) {
  const device = await fetch(`${base}/api/v1/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deviceName: 'bench' }),
  }).then((response) => response.json());
  const key = await client.createLibraryKey();
  const memories = client.generateMemories(count, 7);
  let plaintextBytes = 0;
  const encryptStarted = performance.now();
  const mutations = [];
  for (const [index, memory] of memories.entries()) {
    const hlc = client.formatHlc({ ms: Date.now(), counter: index, deviceId: device.deviceId });
    const ids = { libraryId: device.libraryId, entryId: newId(), revId: newId() };
    const fields = { value: null, hlc };
    const payload = client.encodePayload(
      {
        v: 1,
        text: memory.text,
        fields: {
          mood: fields,
          tags: { value: [], hlc },
          private: { value: false, hlc },
          deleted: { value: false, hlc },
          // The app always sends the memory's date (payload.ts).
          writtenAt: { value: '2026-05-01T08:00:00+08:00', hlc },
        },
      },
      hlc,
    );
    plaintextBytes += Buffer.byteLength(payload);
    const sealed = await client.encryptRevision(key, ids, payload);
    const { libraryId: _libraryId, ...revisionIds } = ids;
    mutations.push({
      mutationId: index + 1,
      revision: { ...revisionIds, parentRevId: null, deviceId: device.deviceId, hlc, ...sealed },
    });
  }
  const encryptSeconds = (performance.now() - encryptStarted) / 1000;

  const pushStarted = performance.now();
  let pushBytes = 0;
  let pushGzip = 0;
  let batch = [];
  let batchBytes = 0;
  const flush = async () => {
    const body = JSON.stringify({ mutations: batch });
    const compressed = gzipSync(body);
    pushBytes += Buffer.byteLength(body);
    pushGzip += compressed.length;
    const answer = await call(base, '/api/v1/sync/push', device.token, {
      method: 'POST',
      headers: { 'content-encoding': 'gzip' },
      body: compressed,
    });
    if (answer.acked.length !== batch.length) throw new Error('not every mutation was acked');
    batch = [];
    batchBytes = 0;
  };
  for (const mutation of mutations) {
    const size = JSON.stringify(mutation).length + 1;
    if (batch.length > 0 && (batchBytes + size > MAX_BATCH_BYTES || batch.length === 500)) {
      await flush();
    }
    batch.push(mutation);
    batchBytes += size;
  }
  if (batch.length > 0) await flush();
  const pushSeconds = (performance.now() - pushStarted) / 1000;

  const pullStarted = performance.now();
  let cursor = 0;
  let pullBytes = 0;
  let pullGzip = 0;
  let pulled = 0;
  for (;;) {
    const page = await getOnWire(
      base,
      `/api/v1/sync/pull?cursor=${cursor}&limit=1000`,
      device.token,
    );
    pullBytes += page.bytes;
    pullGzip += page.wire;
    for (const revision of page.body.revisions) {
      const ids = { libraryId: device.libraryId, entryId: revision.entryId, revId: revision.revId };
      client.decodePayload(
        await client.decryptRevision(key, ids, revision.ciphertext),
        revision.hlc,
      );
      pulled += 1;
    }
    cursor = page.body.cursor;
    if (!page.body.hasMore) break;
  }
  const pullSeconds = (performance.now() - pullStarted) / 1000;
  if (pulled !== count) throw new Error(`pulled ${pulled} of ${count}`);

  const plain = plaintextBytes / count;
  const both = encryptSeconds + pushSeconds + pullSeconds;
  return {
    memories: count.toLocaleString('en'),
    'encrypt (s)': round(encryptSeconds, 2),
    'push (s)': round(pushSeconds, 2),
    'pull + decrypt (s)': round(pullSeconds, 2),
    'both ways (s)': round(both, 2),
    'memories/s': Math.round((2 * count) / both),
    'plaintext B/memory': Math.round(plain),
    'push JSON B/memory': Math.round(pushBytes / count),
    'push on the wire (gzip) B/memory': Math.round(pushGzip / count),
    'pull JSON B/memory': Math.round(pullBytes / count),
    'pull on the wire (gzip) B/memory': Math.round(pullGzip / count),
    'budget 1.4×P+200': Math.round(1.4 * plain + 200),
  };
}

export async function run({ quick = false } = {}) {
  Object.assign(process.env, offlineWranglerEnv, { WRANGLER_LOG: 'warn' });
  const client = await importTs('bench/support/sync-client.ts');
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings: { OPEN_REGISTRATION: { type: 'plain_text', value: 'true' } },
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      persist: false,
      watch: false,
    },
  });
  try {
    await worker.ready;
    const base = String(await worker.url).replace(/\/$/, '');
    const rows = [];
    for (const count of quick ? [200, 1_000] : [1_000, 10_000]) {
      rows.push(await measure(base, client, count));
    }
    return {
      title:
        'Sync through the Worker: push and pull of encrypted memories (wrangler local workerd)',
      rows,
      table: markdownTable(rows),
    };
  } finally {
    await worker.dispose();
  }
}
