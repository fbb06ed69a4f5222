import type { HallId } from '../hall-data.ts';
import { foldForLexicon, mentions } from './mentions.ts';

/**
 * Words that point to a hall and a shelf when the library is too new to shelve by its
 * neighbours. Each row names the shelf in both languages; the memory's language picks one.
 */
export interface LexiconShelf {
  hall: HallId;
  shelf: { zh: string; en: string };
  words: readonly string[];
}

export const HALL_LEXICON: readonly LexiconShelf[] = [
  {
    hall: 'family',
    shelf: { zh: '外婆', en: 'grandmother' },
    words: ['外婆', '奶奶', '姥姥', 'grandma', 'grandmother', 'granny', 'nana'],
  },
  {
    hall: 'family',
    shelf: { zh: '外公', en: 'grandfather' },
    words: ['外公', '爷爷', '姥爷', 'grandpa', 'grandfather'],
  },
  {
    hall: 'family',
    shelf: { zh: '妈妈', en: 'mother' },
    words: ['妈妈', '母亲', '老妈', 'mum', 'mom', 'mother'],
  },
  {
    hall: 'family',
    shelf: { zh: '爸爸', en: 'father' },
    words: ['爸爸', '父亲', '老爸', 'dad', 'father'],
  },
  {
    hall: 'family',
    shelf: { zh: '兄弟姐妹', en: 'siblings' },
    words: ['姐姐', '妹妹', '哥哥', '弟弟', '表姐', 'sister', 'brother', 'cousin'],
  },
  {
    hall: 'love',
    shelf: { zh: '恋人', en: 'partner' },
    words: [
      '男朋友',
      '女朋友',
      '约会',
      '恋爱',
      '老公',
      '老婆',
      'boyfriend',
      'girlfriend',
      'date',
      'partner',
      'husband',
      'wife',
    ],
  },
  {
    hall: 'friends',
    shelf: { zh: '朋友', en: 'friends' },
    words: ['朋友', '室友', '同学', '闺蜜', 'friend', 'friends', 'roommate', 'classmate'],
  },
  {
    hall: 'study-work',
    shelf: { zh: '论文', en: 'thesis' },
    words: [
      '论文',
      '导师',
      '答辩',
      '开题',
      'thesis',
      'advisor',
      'dissertation',
      'defence',
      'defense',
    ],
  },
  {
    hall: 'study-work',
    shelf: { zh: '考试', en: 'exams' },
    words: ['考试', '复习', '成绩', '高考', '考研', 'exam', 'exams', 'revision', 'grades', 'test'],
  },
  {
    hall: 'study-work',
    shelf: { zh: '工作', en: 'work' },
    words: [
      '工作',
      '加班',
      '老板',
      '同事',
      '面试',
      '项目',
      'work',
      'job',
      'boss',
      'colleague',
      'interview',
      'project',
      'office',
    ],
  },
  {
    hall: 'self',
    shelf: { zh: '成长', en: 'growing' },
    words: [
      '自己',
      '成长',
      '改变',
      '性格',
      '决定',
      'myself',
      'growing',
      'change',
      'decided',
      'who i am',
    ],
  },
  {
    hall: 'body-health',
    shelf: { zh: '运动', en: 'exercise' },
    words: [
      '跑步',
      '健身',
      '游泳',
      '公里',
      '瑜伽',
      'ran',
      'run',
      'running',
      'gym',
      'swim',
      'kilometres',
      'yoga',
    ],
  },
  {
    hall: 'body-health',
    shelf: { zh: '看病', en: 'illness' },
    words: [
      '医院',
      '生病',
      '发烧',
      '医生',
      '手术',
      '药',
      'hospital',
      'sick',
      'fever',
      'doctor',
      'surgery',
      'medicine',
    ],
  },
  {
    hall: 'body-health',
    shelf: { zh: '睡眠', en: 'sleep' },
    words: ['失眠', '睡不着', '做噩梦', 'insomnia', "couldn't sleep", 'could not sleep'],
  },
  {
    hall: 'places-journeys',
    shelf: { zh: '旅行', en: 'travel' },
    words: [
      '旅行',
      '旅游',
      '火车',
      '机场',
      '飞机',
      '海边',
      '出发',
      'trip',
      'travel',
      'train',
      'airport',
      'flight',
      'beach',
      'journey',
    ],
  },
  {
    hall: 'places-journeys',
    shelf: { zh: '城市', en: 'the city' },
    words: ['城市', '街道', '搬家', '新家', 'city', 'street', 'moved', 'new flat', 'neighbourhood'],
  },
  {
    hall: 'dreams-ideas',
    shelf: { zh: '梦', en: 'dreams' },
    words: ['梦见', '做梦', '梦里', 'dreamt', 'dreamed', 'a dream', 'in my dream'],
  },
  {
    hall: 'dreams-ideas',
    shelf: { zh: '想法', en: 'ideas' },
    words: [
      '想法',
      '计划',
      '灵感',
      '如果有一天',
      'idea',
      'ideas',
      'plan',
      'inspiration',
      'someday i',
    ],
  },
  {
    hall: 'losses',
    shelf: { zh: '告别', en: 'farewell' },
    words: [
      '去世',
      '葬礼',
      '离开了',
      '忌日',
      '走了',
      'passed away',
      'funeral',
      'died',
      'anniversary of',
    ],
  },
  {
    hall: 'losses',
    shelf: { zh: '分手', en: 'breakup' },
    words: ['分手', '分开', '前任', 'broke up', 'breakup', 'my ex', 'split up'],
  },
  {
    hall: 'everyday',
    shelf: { zh: '日常', en: 'everyday' },
    words: [
      '做饭',
      '买菜',
      '下雨',
      '天气',
      '咖啡',
      '地铁',
      'cooked',
      'groceries',
      'rain',
      'weather',
      'coffee',
      'commute',
    ],
  },
];

export const FALLBACK_SHELF: LexiconShelf = {
  hall: 'everyday',
  shelf: { zh: '日常', en: 'everyday' },
  words: [],
};

export interface LexiconGuess {
  entry: LexiconShelf;
  cues: string[];
}

/** The lexicon rows the memory mentions, most cues first; empty when none matches. */
export function guessFromLexicon(text: string): LexiconGuess[] {
  const folded = foldForLexicon(text);
  return HALL_LEXICON.map((entry) => ({
    entry,
    cues: entry.words.filter((word) => mentions(folded, word)),
  }))
    .filter((guess) => guess.cues.length > 0)
    .sort((a, b) => b.cues.length - a.cues.length);
}
