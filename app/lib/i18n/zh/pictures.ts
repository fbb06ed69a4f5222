import type { picturesEn } from '../en/pictures.ts';

/** pictures 功能的中文，与 en/pictures.ts 的键一致。 */
export const picturesZh: Record<keyof typeof picturesEn, string> = {};
