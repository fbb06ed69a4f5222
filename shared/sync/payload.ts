import { z } from 'zod';
import { HLC_PATTERN } from './hlc.ts';

/**
 * What a revision's ciphertext holds (SYNC-1): the whole text, and the small fields each with
 * the HLC of the edit that last set it, so merging heads is per-field last-writer-wins (SYNC-13).
 * Only devices ever see this shape; the server sees it encrypted.
 */

const stamped = <T extends z.ZodType>(value: T) =>
  z.object({ value, hlc: z.string().regex(HLC_PATTERN) });

export const FieldsSchema = z.object({
  mood: stamped(z.string().max(40).nullable()),
  tags: stamped(z.array(z.string().max(40)).max(20)),
  private: stamped(z.boolean()),
  deleted: stamped(z.boolean()),
  /** When the memory happened (ISO 8601 with offset); the app always sets it. */
  writtenAt: stamped(z.string().max(40).nullable()),
});
export type Fields = z.infer<typeof FieldsSchema>;
export type FieldName = keyof Fields;
export type FieldValues = { [Name in FieldName]: Fields[Name]['value'] };

export const RevisionPayloadSchema = z.object({
  v: z.literal(1),
  text: z.string().max(20_000),
  fields: FieldsSchema,
});
export type RevisionPayload = z.infer<typeof RevisionPayloadSchema>;

const DEFAULTS: FieldValues = {
  mood: null,
  tags: [],
  private: false,
  deleted: false,
  writtenAt: null,
};
const WIRE_KEYS: Record<FieldName, string> = {
  mood: 'm',
  tags: 'g',
  private: 'p',
  deleted: 'd',
  writtenAt: 'w',
};
const CompactSchema = z.object({
  v: z.literal(1),
  t: z.string(),
  m: z.array(z.unknown()).optional(),
  g: z.array(z.unknown()).optional(),
  p: z.array(z.unknown()).optional(),
  d: z.array(z.unknown()).optional(),
  w: z.array(z.unknown()).optional(),
});

/**
 * Compact JSON for the ciphertext: a field stamped by this very revision drops its HLC, and a
 * field at its default stamped by this revision is left out, so a new memory costs its text and
 * a few bytes. `hlc` is the revision's own (it travels beside the ciphertext).
 */
export function encodePayload(payload: RevisionPayload, hlc: string): string {
  const out: Record<string, unknown> = { v: 1, t: payload.text };
  for (const name of Object.keys(WIRE_KEYS) as FieldName[]) {
    const { value, hlc: stamp } = payload.fields[name];
    const isOwn = stamp === hlc;
    if (isOwn && JSON.stringify(value) === JSON.stringify(DEFAULTS[name])) continue;
    out[WIRE_KEYS[name]] = isOwn ? [value] : [value, stamp];
  }
  return JSON.stringify(out);
}

export function decodePayload(json: string, hlc: string): RevisionPayload {
  const compact = CompactSchema.parse(JSON.parse(json));
  const fields: Record<string, unknown> = {};
  for (const name of Object.keys(WIRE_KEYS) as FieldName[]) {
    const stored = compact[WIRE_KEYS[name] as 'm' | 'g' | 'p' | 'd' | 'w'];
    fields[name] = stored
      ? { value: stored[0], hlc: stored.length > 1 ? stored[1] : hlc }
      : { value: DEFAULTS[name], hlc };
  }
  return RevisionPayloadSchema.parse({ v: 1, text: compact.t, fields });
}
