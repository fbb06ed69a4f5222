import type { LibraryKeyBlob, PostKeyHandoffRequest } from '#shared/sync/key-wire';
import type { KeysApi } from '../../api/keys-client.ts';
import { failure, success } from '../../api/result.ts';

/**
 * For unit tests of the key flows: the Worker's rules for the key routes (SYNC-18a, 19a) in
 * memory, without the wire. The Worker itself is tested in workerd (tests/worker/sync-key.test.ts).
 */
export function fakeServer() {
  let stored: LibraryKeyBlob | null = null;
  const handoffs = new Map<string, PostKeyHandoffRequest['envelope']>();
  const notFound = () => failure({ code: 'not-found' as const, message: 'none', status: 404 });
  const api: KeysApi = {
    getWrappedKey: async () => (stored ? success(structuredClone(stored)) : notFound()),
    async putWrappedKey({ wrappedKey, expectedVersion }) {
      if ((stored?.version ?? 0) !== expectedVersion) {
        return failure({ code: 'conflict', message: 'first', status: 409 });
      }
      stored = { wrappedKey, version: expectedVersion + 1 };
      return success({ version: stored.version });
    },
    async postHandoff({ requestId, envelope }) {
      if (handoffs.has(requestId)) return failure({ code: 'conflict', message: 'x', status: 409 });
      handoffs.set(requestId, envelope);
      return success({ expiresAt: new Date().toISOString() });
    },
    async takeHandoff(requestId) {
      const envelope = handoffs.get(requestId);
      handoffs.delete(requestId);
      return envelope ? success({ envelope }) : notFound();
    },
  };
  return { api, stored: () => stored, handoffs };
}
