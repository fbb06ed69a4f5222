import type { ApiError } from '../api/result.ts';
import type { CatalogCard } from '../db/database.ts';

/** Whether the AI librarian can be reached: `offline` means the server has no model configured. */
export type LibrarianAvailability = 'unknown' | 'checking' | 'online' | 'offline' | 'unreachable';

/** Why a memory stays in the queue for now, or why the librarian gave up on it. */
export type LibrarianNotice =
  | { kind: 'offline' }
  | { kind: 'librarian-offline' }
  | { kind: 'unregistered' }
  | { kind: 'needs-invite' }
  /** The server refused this device's token (revoked): it joins a library or starts a new one. */
  | { kind: 'signed-out' }
  /** The budget ("ink") is used up: the device librarian shelves alone until `resetAt`. */
  | { kind: 'ink-out'; resetAt: string }
  /** A passing failure: the memory stays queued and is tried again later. */
  | { kind: 'failed'; error: ApiError }
  /** The server will never accept this memory (too long, invalid): it is taken off the queue. */
  | { kind: 'refused'; error: ApiError };

/** What the "Librarian's reply" region shows: the latest memory the librarian is busy with. */
export interface ReplyView {
  entryId: string;
  phase: 'waiting' | 'reading' | 'writing' | 'done';
  reply: string;
  reasoning: string;
  catalog: CatalogCard | null;
  /** The on-device librarian's guess, made the moment the memory was saved. */
  deviceCatalog: CatalogCard | null;
  totalTokens: number | null;
  notice: LibrarianNotice | null;
}
