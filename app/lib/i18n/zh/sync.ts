import type { syncEn } from '../en/sync.ts';

/** sync 功能的中文，与 en/sync.ts 的键一致。 */
export const syncZh: Record<keyof typeof syncEn, string> = {};
