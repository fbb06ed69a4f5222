import type { notebookEn } from '../en/notebook.ts';

/** notebook 功能的中文，与 en/notebook.ts 的键一致。 */
export const notebookZh: Record<keyof typeof notebookEn, string> = {};
