import type { Language } from './librarian.ts';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;

/**
 * Which language a memory is written in: `zh`, `en`, or `mixed` when both carry real weight.
 * A few Latin words inside Chinese (names, brands: "和Lin去了Costco") keep it Chinese, and a few
 * Han characters inside English keep it English. Text with neither counts as English.
 */
export function detectLanguage(text: string): Language {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  if (han === 0) return 'en';
  if (words === 0) return 'zh';
  if (words <= Math.max(2, han * 0.1)) return 'zh';
  if (han <= Math.max(2, words * 0.1)) return 'en';
  return 'mixed';
}
