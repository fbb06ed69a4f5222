// Deterministic librarian answers for the fake upstream: derived from the memory's own words, so
// a test can predict them, and always valid against LibrarianOutputSchema (shared/librarian.ts).

import {
  EMOTIONS,
  HALL_KEYWORDS,
  HALLS,
  NOT_NAMES,
  PEOPLE_WORDS,
  PLACE_WORDS,
} from './fake-lexicon.js';

const CJK = /[\u3400-\u9fff]/u;

/** Memory language: the app's hint when given, else guessed from the script. */
export function detectLanguage(text, hint) {
  if (hint === 'zh' || hint === 'en' || hint === 'mixed') return hint;
  const cjk = [...text].filter((char) => CJK.test(char)).length;
  const latinWords = (text.match(/[A-Za-z]{2,}/g) ?? []).length;
  if (cjk === 0) return 'en';
  return latinWords >= 3 ? 'mixed' : 'zh';
}

function occurrences(text, keyword) {
  if (CJK.test(keyword)) return text.split(keyword).length - 1;
  return (text.toLowerCase().match(new RegExp(`\\b${keyword}\\b`, 'g')) ?? []).length;
}

function chooseShelf(text) {
  let best = { hall: 'everyday', keyword: null, score: 0 };
  for (const [hall, keywords] of HALL_KEYWORDS) {
    let score = 0;
    let strongest = null;
    let strongestCount = 0;
    for (const keyword of keywords) {
      const count = occurrences(text, keyword);
      score += count;
      if (count > strongestCount) [strongest, strongestCount] = [keyword, count];
    }
    if (score > best.score) best = { hall, keyword: strongest, score };
  }
  return best;
}

const clip = (text, max) =>
  Array.from(text).length > max
    ? Array.from(text)
        .slice(0, max - 1)
        .join('') + '…'
    : text;
const firstClause = (text) =>
  text
    .trim()
    .split(/[，。！？,.!?\n；;]/u)
    .find((part) => part.trim())
    ?.trim() ?? text.trim();
const firstSentence = (text) =>
  text
    .trim()
    .split(/(?<=[。！？.!?])\s*|\n/u)
    .find((part) => part.trim())
    ?.trim() ?? text.trim();

function quoteOf(text, lang) {
  const clause = firstClause(text);
  return lang === 'en' ? clause.split(/\s+/).slice(0, 6).join(' ') : clip(clause, 12);
}

function found(text, words) {
  return words.filter((word) => occurrences(text, word) > 0);
}

function namesIn(text) {
  const names = [];
  for (const match of text.matchAll(/(?<![.!?]\s|^)\b([A-Z][a-z]{1,15})\b/gm)) {
    if (!NOT_NAMES.has(match[1]) && !names.includes(match[1])) names.push(match[1]);
  }
  return names;
}

/**
 * The answer the fake librarian gives for a memory and its related cards.
 * @param {{ memory: { id?: string, text: string, lang?: string }, related?: { id: string, callNumber: string, summary: string }[] }} input
 */
export function deterministicAnswer({ memory, related = [] }) {
  const text = memory.text;
  const lang = detectLanguage(text, memory.lang);
  const isZh = lang !== 'en';
  const { hall, keyword } = chooseShelf(text);
  const hallName = HALLS[hall];
  const shelf = clip(keyword ?? (isZh ? '日常' : 'days'), 40);
  const quote = quoteOf(text, lang);
  const emotions = EMOTIONS.filter(([words]) => found(text, words).length > 0)
    .slice(0, 6)
    .map(([, name]) => ({ name: isZh ? name.zh : name.en, intensity: 0.6 }));
  const replyZh = `谢谢你写下「${quote}」。这段记忆我放进了${hallName.zh}展厅的「${shelf}」书架，它会在那里等你。`;
  const replyEn = `Thank you for writing down "${quote}". I shelved it in ${hallName.en}, on the "${shelf}" shelf, where it will wait for you.`;
  return {
    reply: lang === 'zh' ? replyZh : lang === 'en' ? replyEn : `${replyZh} ${replyEn}`,
    title: clip(
      lang === 'en' ? firstClause(text).split(/\s+/).slice(0, 8).join(' ') : firstClause(text),
      40,
    ),
    summary: clip(firstSentence(text), 120),
    hall,
    shelf,
    emotions: emotions.length > 0 ? emotions : [{ name: isZh ? '平静' : 'calm', intensity: 0.3 }],
    people: [...found(text, PEOPLE_WORDS), ...namesIn(text)]
      .slice(0, 12)
      .map((name) => clip(name, 60)),
    places: found(text, PLACE_WORDS).slice(0, 12),
    themes: [isZh ? hallName.zh : hallName.en.toLowerCase()],
    keywords: [
      ...new Set([
        shelf,
        ...found(
          text,
          HALL_KEYWORDS.flatMap(([, words]) => words),
        ),
      ]),
    ]
      .slice(0, 16)
      .map((word) => clip(word, 40)),
    whyHere: isZh
      ? `写到了「${shelf}」，所以放在${hallName.zh}展厅的「${shelf}」书架。`
      : `It speaks of ${shelf}, so it belongs on the "${shelf}" shelf in ${hallName.en}.`,
    related: related.slice(0, 8).map((card) => ({
      id: card.id,
      why: clip(
        isZh
          ? `和 ${card.callNumber} 有关：${card.summary}`
          : `Connected to ${card.callNumber}: ${card.summary}`,
        200,
      ),
    })),
    notebook: proposedNotes(text),
  };
}

/**
 * `[[note:TEXT]]` in the memory's own text: the answer proposes TEXT for the notebook (up to
 * three markers). Read from the memory only, so a related card quoting an old memory adds nothing.
 * @param {string} text
 */
function proposedNotes(text) {
  return [...text.matchAll(/\[\[note:([^\]]+)\]\]/g)]
    .slice(0, 3)
    .map((match) => ({ text: clip(match[1].trim(), 200), why: 'The memory says so.' }));
}

/**
 * Reads the memory, the related cards, the notebook and the corrections out of the Worker's user
 * message (worker/librarian/user-message.ts: JSON lines inside <memory>, <related_cards>,
 * <notebook>, <corrections>).
 * @param {string} content
 */
export function parseCatalogPrompt(content) {
  const section = (tag) => {
    const match = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(content);
    if (!match || match[1] === '(none)') return [];
    return match[1].split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });
  };
  const memories = section('memory').filter((memory) => typeof memory?.text === 'string');
  const memory = memories[0];
  return {
    memory: memory ?? { text: content },
    memories,
    related: section('related_cards'),
    notebook: section('notebook'),
    corrections: section('corrections'),
  };
}
