// The client side of sync the benchmark needs, bundled by importTs (Node 20 cannot import .ts).
export { generateMemories } from '../generate-memories.ts';
export { createLibraryKey, decryptRevision, encryptRevision } from '../../shared/sync/crypto.ts';
export { formatHlc } from '../../shared/sync/hlc.ts';
export { decodePayload, encodePayload } from '../../shared/sync/payload.ts';
