/** English strings of the pictures feature, spread into en.ts (one file per feature keeps merges apart). */
export const picturesEn = {} as const;
