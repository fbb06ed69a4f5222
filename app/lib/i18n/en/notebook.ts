/** English strings of the notebook feature, spread into en.ts (one file per feature keeps merges apart). */
export const notebookEn = {} as const;
