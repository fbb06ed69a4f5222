/** The small, bilingual set of moods a person can attach to a memory (optional). */
export const MOODS = [
  { id: 'happy', emoji: '😊', en: 'Happy', zh: '开心' },
  { id: 'calm', emoji: '😌', en: 'Calm', zh: '平静' },
  { id: 'grateful', emoji: '🙏', en: 'Grateful', zh: '感激' },
  { id: 'excited', emoji: '🤩', en: 'Excited', zh: '兴奋' },
  { id: 'tired', emoji: '😮‍💨', en: 'Tired', zh: '疲惫' },
  { id: 'sad', emoji: '😢', en: 'Sad', zh: '难过' },
  { id: 'anxious', emoji: '😟', en: 'Anxious', zh: '焦虑' },
  { id: 'angry', emoji: '😠', en: 'Angry', zh: '生气' },
] as const;

export type Mood = (typeof MOODS)[number];
export type MoodId = Mood['id'];

export function isMoodId(value: unknown): value is MoodId {
  return typeof value === 'string' && MOODS.some((mood) => mood.id === value);
}

export function findMood(id: MoodId): Mood {
  return MOODS.find((mood) => mood.id === id) ?? MOODS[0];
}

/**
 * Tags as the person typed them ("外婆, baking  #summer"): split on commas, 、 and spaces,
 * a leading # dropped, blanks and duplicates removed, each at most 40 characters, at most 20.
 */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of input.split(/[,，、;；\s]+/u)) {
    const tag = raw.replace(/^#+/u, '').trim().slice(0, 40);
    const key = tag.normalize('NFKC').toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
    if (tags.length === 20) break;
  }
  return tags;
}
