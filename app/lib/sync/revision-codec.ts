import type { MoodId } from '#shared/moods';
import { decryptRevision, encryptRevision } from '#shared/sync/crypto';
import { parseHlc } from '#shared/sync/hlc';
import { decodePayload, encodePayload, type RevisionPayload } from '#shared/sync/payload';
import type { LocalRevision } from '#shared/sync/replica';
import type { PulledRevision, Revision as WireRevision } from '#shared/sync/wire';
import type { Revision } from '../db/database.ts';

/**
 * A revision row as Dexie keeps it ↔ the payload inside its ciphertext (payload.ts) ↔ the wire
 * (SYNC-1, SYNC-17). Only ids, clocks and sizes go out in the clear.
 */

/** The row's HLC; every row has one since version 3, and a missing one sorts first. */
export function hlcOf(revision: Revision): string {
  return revision.hlc ?? `000000000000000-000000-${revision.deviceId.replace(/[^\w-]/g, '')}`;
}

export function payloadOf(revision: Revision): RevisionPayload {
  const hlc = hlcOf(revision);
  const stamp = (field: keyof NonNullable<Revision['stamps']>) => revision.stamps?.[field] ?? hlc;
  return {
    v: 1,
    text: revision.text,
    fields: {
      mood: { value: revision.mood, hlc: stamp('mood') },
      tags: { value: revision.tags, hlc: stamp('tags') },
      private: { value: revision.isPrivate, hlc: stamp('private') },
      deleted: { value: revision.isDeleted === true, hlc: stamp('deleted') },
      writtenAt: { value: revision.writtenAt, hlc: stamp('writtenAt') },
    },
  };
}

/** The row as the pure replica rules (replica.ts) see it. */
export function toLocalRevision(revision: Revision): LocalRevision {
  return {
    entryId: revision.entryId,
    revId: revision.revId,
    parentRevId: revision.parentRevId,
    ...(revision.mergedRevIds?.length ? { mergedRevIds: revision.mergedRevIds } : {}),
    deviceId: revision.deviceId,
    hlc: hlcOf(revision),
    payload: payloadOf(revision),
  };
}

/** A row from a decrypted payload. `createdAt` is the HLC's time: when its writer saved it. */
export function rowFromPayload(
  meta: Pick<
    WireRevision,
    'entryId' | 'revId' | 'parentRevId' | 'mergedRevIds' | 'deviceId' | 'hlc'
  >,
  payload: RevisionPayload,
): Revision {
  const { fields } = payload;
  const createdAtMs = parseHlc(meta.hlc).ms;
  const createdAt = new Date(createdAtMs).toISOString();
  return {
    revId: meta.revId,
    entryId: meta.entryId,
    parentRevId: meta.parentRevId,
    ...(meta.mergedRevIds?.length ? { mergedRevIds: meta.mergedRevIds } : {}),
    deviceId: meta.deviceId,
    hlc: meta.hlc,
    text: payload.text,
    writtenAt: fields.writtenAt.value ?? createdAt,
    mood: fields.mood.value as MoodId | null,
    tags: fields.tags.value,
    isPrivate: fields.private.value,
    ...(fields.deleted.value ? { isDeleted: true } : {}),
    stamps: {
      mood: fields.mood.hlc,
      tags: fields.tags.hlc,
      private: fields.private.hlc,
      deleted: fields.deleted.hlc,
      writtenAt: fields.writtenAt.hlc,
    },
    createdAt,
    createdAtMs,
    reason: meta.parentRevId === null ? 'create' : 'edit',
  };
}

/**
 * The wire form of a row, encrypted under the library key. `deviceId` is the authenticated
 * device's (SYNC-7): rows keep the local device id they were written under.
 */
export async function sealRevision(
  key: CryptoKey,
  libraryId: string,
  revision: Revision,
  deviceId: string,
): Promise<WireRevision> {
  const hlc = hlcOf(revision);
  const sealed = await encryptRevision(
    key,
    { libraryId, entryId: revision.entryId, revId: revision.revId },
    encodePayload(payloadOf(revision), hlc),
  );
  return {
    entryId: revision.entryId,
    revId: revision.revId,
    parentRevId: revision.parentRevId,
    ...(revision.mergedRevIds?.length ? { mergedRevIds: revision.mergedRevIds } : {}),
    deviceId,
    hlc,
    ...sealed,
  };
}

/** Decrypts a pulled revision into a row; a `DecryptionError` propagates (never an empty text). */
export async function openRevision(
  key: CryptoKey,
  libraryId: string,
  pulled: PulledRevision,
): Promise<Revision> {
  const json = await decryptRevision(
    key,
    { libraryId, entryId: pulled.entryId, revId: pulled.revId },
    pulled.ciphertext,
  );
  return rowFromPayload(pulled, decodePayload(json, pulled.hlc));
}
