/**
 * The ten halls of the library: a fixed, bilingual set of life areas (DESIGN.md §3).
 * The code is the first part of every call number, so it never changes. Free of zod so the app's
 * first screen can show hall names without loading the schema library (halls.ts adds the schema).
 */
export const HALLS = [
  { id: 'family', code: 'FAM', en: 'Family', zh: '家人' },
  { id: 'love', code: 'LOV', en: 'Love', zh: '爱情' },
  { id: 'friends', code: 'FRI', en: 'Friends', zh: '朋友' },
  { id: 'study-work', code: 'STU', en: 'Study & work', zh: '学习与工作' },
  { id: 'self', code: 'SEL', en: 'Self', zh: '自我' },
  { id: 'body-health', code: 'BOD', en: 'Body & health', zh: '身体与健康' },
  { id: 'places-journeys', code: 'PLA', en: 'Places & journeys', zh: '地方与旅程' },
  { id: 'dreams-ideas', code: 'DRE', en: 'Dreams & ideas', zh: '梦与想法' },
  { id: 'losses', code: 'LOS', en: 'Losses', zh: '失去' },
  { id: 'everyday', code: 'EVE', en: 'Everyday', zh: '日常' },
] as const;

export type Hall = (typeof HALLS)[number];
export type HallId = Hall['id'];

export const HALL_IDS = HALLS.map((hall) => hall.id) as [HallId, ...HallId[]];

export function isHallId(value: unknown): value is HallId {
  return typeof value === 'string' && (HALL_IDS as readonly string[]).includes(value);
}

export function findHall(id: HallId): Hall {
  const hall = HALLS.find((candidate) => candidate.id === id);
  if (!hall) throw new Error(`unknown hall ${id}`);
  return hall;
}
