/** A seeded generator of bilingual diary memories, so every benchmark run measures the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZH_PEOPLE = ['外婆', '妈妈', '爸爸', '林', '小周', '室友', '导师', '表姐'];
const ZH_PLACES = ['老家', '地铁上', '图书馆', '海边', '公司楼下', '菜市场', '山顶'];
const ZH_LINES = [
  '今天和{p}在{l}聊了很久，心里暖暖的。',
  '{l}下了一整天的雨，我想起了{p}说过的话。',
  '论文又被退回来了，{p}说慢慢来，可我还是很焦虑。',
  '和{p}一起做了桂花糕，厨房里都是香味。',
  '一个人在{l}走了很久，突然觉得有点孤单。',
  '终于跑完了五公里，{p}在{l}等我。',
];
const EN_PEOPLE = ['Grandma', 'Mum', 'Lin', 'my sister', 'Sam', 'my advisor', 'the neighbour'];
const EN_PLACES = ['the station', 'the beach', 'the library', 'the old flat', 'the park', 'work'];
const EN_LINES = [
  'Met {p} at {l} and we talked until the lights came on.',
  'Rain all day at {l}; I kept thinking about what {p} said.',
  'The thesis came back with notes again. {p} says it is fine, but I am anxious.',
  'Baked with {p} this afternoon and the whole place smelled of sugar.',
  'Walked alone past {l} tonight and felt a little lonely.',
  'Finally ran five kilometres. {p} was waiting at {l}.',
];

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

export interface GeneratedMemory {
  text: string;
  writtenAt: string;
}

/** `count` memories over roughly the last three years, about a third in each of zh, en, mixed. */
export function generateMemories(count: number, seed = 42): GeneratedMemory[] {
  const random = seededRandom(seed);
  const start = Date.UTC(2023, 0, 1);
  const span = 3 * 365 * 24 * 3600 * 1000;
  return Array.from({ length: count }, () => {
    const kind = random();
    const zh = pick(random, ZH_LINES)
      .replace('{p}', pick(random, ZH_PEOPLE))
      .replace('{l}', pick(random, ZH_PLACES));
    const en = pick(random, EN_LINES)
      .replace('{p}', pick(random, EN_PEOPLE))
      .replace('{l}', pick(random, EN_PLACES));
    const text = kind < 0.34 ? zh : kind < 0.67 ? en : `${zh} ${en}`;
    return { text, writtenAt: new Date(start + Math.floor(random() * span)).toISOString() };
  });
}
