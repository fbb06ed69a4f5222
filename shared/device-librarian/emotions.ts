import { foldForLexicon, mentions } from './mentions.ts';

/**
 * The on-device librarian's emotion lexicon: sixteen emotions, each with words that signal it in
 * Chinese and English. Deliberately small and readable — a first guess that the AI librarian
 * replaces — so a person (or a test) can see why an emotion was picked.
 */
export const EMOTIONS = [
  {
    id: 'joy',
    en: 'joy',
    zh: '喜悦',
    words: [
      '开心',
      '高兴',
      '快乐',
      '哈哈',
      '太好了',
      '幸福',
      '笑',
      'happy',
      'glad',
      'joy',
      'laughed',
      'delighted',
      'fun',
    ],
  },
  {
    id: 'calm',
    en: 'calm',
    zh: '平静',
    words: [
      '平静',
      '安静',
      '放松',
      '慢慢',
      '悠闲',
      '喝茶',
      'calm',
      'quiet',
      'peaceful',
      'relaxed',
      'slow',
      'tea',
    ],
  },
  {
    id: 'gratitude',
    en: 'gratitude',
    zh: '感激',
    words: [
      '感谢',
      '谢谢',
      '感激',
      '幸运',
      '多亏',
      'thank',
      'thanks',
      'grateful',
      'lucky',
      'thankful',
    ],
  },
  {
    id: 'love',
    en: 'love',
    zh: '爱',
    words: [
      '爱',
      '喜欢',
      '想你',
      '拥抱',
      '亲',
      '温柔',
      'love',
      'loved',
      'hug',
      'kiss',
      'tender',
      'darling',
    ],
  },
  {
    id: 'nostalgia',
    en: 'nostalgia',
    zh: '怀念',
    words: [
      '想起',
      '怀念',
      '小时候',
      '以前',
      '当年',
      '回忆',
      '老家',
      'remember',
      'remembered',
      'childhood',
      'used to',
      'nostalgic',
      'back then',
    ],
  },
  {
    id: 'hope',
    en: 'hope',
    zh: '希望',
    words: [
      '希望',
      '期待',
      '明天',
      '盼望',
      '会好',
      'hope',
      'hoping',
      'looking forward',
      'someday',
      'tomorrow',
    ],
  },
  {
    id: 'pride',
    en: 'pride',
    zh: '自豪',
    words: [
      '骄傲',
      '自豪',
      '终于',
      '做到了',
      '通过了',
      '完成了',
      'proud',
      'finally',
      'managed',
      'passed',
      'finished',
      'did it',
    ],
  },
  {
    id: 'relief',
    en: 'relief',
    zh: '释然',
    words: [
      '松了口气',
      '终于结束',
      '还好',
      '释然',
      '放下',
      'relief',
      'relieved',
      'at last',
      'phew',
      'let go',
    ],
  },
  {
    id: 'sadness',
    en: 'sadness',
    zh: '难过',
    words: [
      '难过',
      '伤心',
      '哭',
      '失落',
      '心疼',
      '眼泪',
      'sad',
      'cried',
      'crying',
      'tears',
      'heartbroken',
      'down',
    ],
  },
  {
    id: 'grief',
    en: 'grief',
    zh: '悲痛',
    words: [
      '去世',
      '离开了我们',
      '葬礼',
      '走了',
      '再也见不到',
      '忌日',
      'passed away',
      'funeral',
      'died',
      'grief',
      'gone forever',
      'miss her',
      'miss him',
    ],
  },
  {
    id: 'loneliness',
    en: 'loneliness',
    zh: '孤独',
    words: [
      '孤单',
      '孤独',
      '一个人',
      '没人',
      '寂寞',
      'lonely',
      'alone',
      'by myself',
      'nobody',
      'isolated',
    ],
  },
  {
    id: 'anxiety',
    en: 'anxiety',
    zh: '焦虑',
    words: [
      '焦虑',
      '担心',
      '紧张',
      '害怕来不及',
      '睡不着',
      '压力',
      'anxious',
      'worried',
      'nervous',
      'stress',
      'stressed',
      'could not sleep',
      "couldn't sleep",
    ],
  },
  {
    id: 'anger',
    en: 'anger',
    zh: '愤怒',
    words: [
      '生气',
      '愤怒',
      '气死',
      '火大',
      '吵架',
      '不公平',
      'angry',
      'furious',
      'mad',
      'argued',
      'unfair',
      'annoyed',
    ],
  },
  {
    id: 'shame',
    en: 'shame',
    zh: '羞愧',
    words: [
      '丢脸',
      '羞愧',
      '尴尬',
      '后悔',
      '对不起',
      '不好意思',
      'ashamed',
      'embarrassed',
      'regret',
      'sorry',
      'awkward',
    ],
  },
  {
    id: 'fear',
    en: 'fear',
    zh: '害怕',
    words: [
      '害怕',
      '恐惧',
      '吓',
      '可怕',
      '不敢',
      'afraid',
      'scared',
      'fear',
      'terrified',
      'frightened',
    ],
  },
  {
    id: 'tiredness',
    en: 'tiredness',
    zh: '疲惫',
    words: [
      '累',
      '疲惫',
      '困',
      '加班',
      '熬夜',
      '没力气',
      'tired',
      'exhausted',
      'worn out',
      'sleepy',
      'overtime',
    ],
  },
] as const;

export type EmotionId = (typeof EMOTIONS)[number]['id'];

export interface PickedEmotion {
  name: EmotionId;
  intensity: number;
  /** The words in the memory that signalled it: the "why" a person can check. */
  cues: string[];
}

/**
 * Up to `limit` emotions, strongest first. Intensity grows with the number of distinct cues
 * (one cue 0.5, two 0.7, three or more 0.85), and "very"/"很"/"!" nudge it up.
 */
export function pickEmotions(text: string, limit = 3): PickedEmotion[] {
  const haystack = foldForLexicon(text);
  const emphasis = /(非常|特别|很|太|好|!|！|so |very |really )/u.test(haystack) ? 0.1 : 0;
  const picked: PickedEmotion[] = [];
  for (const emotion of EMOTIONS) {
    const cues = emotion.words.filter((word) => mentions(haystack, word));
    if (cues.length === 0) continue;
    const base = cues.length >= 3 ? 0.85 : cues.length === 2 ? 0.7 : 0.5;
    picked.push({ name: emotion.id, intensity: Math.min(1, base + emphasis), cues });
  }
  return picked
    .sort((a, b) => b.cues.length - a.cues.length || b.intensity - a.intensity)
    .slice(0, limit);
}
