import type { FieldName, Fields } from './payload.ts';

/**
 * Small fields are last-writer-wins registers (SYNC-13): each carries the HLC of the edit that
 * set it, and merging heads keeps, per field, the stamp with the latest HLC. Equal HLCs come
 * from the same edit (the HLC includes the device id), so they hold the same value.
 */
export function mergeFields(all: readonly Fields[]): Fields {
  const [first, ...rest] = all;
  if (!first) throw new Error('merging the fields of no revision');
  const merged: Fields = { ...first };
  for (const fields of rest) {
    for (const name of Object.keys(merged) as FieldName[]) {
      if (fields[name].hlc > merged[name].hlc)
        (merged as Record<FieldName, unknown>)[name] = fields[name];
    }
  }
  return merged;
}
