/** English strings of the keys feature, spread into en.ts (one file per feature keeps merges apart). */
export const keysEn = {} as const;
