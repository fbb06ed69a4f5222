/** Lexicon matching shared by the emotion and hall lexicons. */
export function foldForLexicon(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Whether folded text mentions a lexicon word. Chinese words match anywhere (there are no
 * spaces); Latin words only as whole words, so "sad" does not fire inside "Sadie".
 */
export function mentions(folded: string, word: string): boolean {
  if (/\p{Script=Han}/u.test(word)) return folded.includes(word);
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'u').test(folded);
}
