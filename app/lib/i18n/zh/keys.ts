import type { keysEn } from '../en/keys.ts';

/** keys 功能的中文，与 en/keys.ts 的键一致。 */
export const keysZh: Record<keyof typeof keysEn, string> = {};
