/** English strings of the sync feature, spread into en.ts (one file per feature keeps merges apart). */
export const syncEn = {} as const;
