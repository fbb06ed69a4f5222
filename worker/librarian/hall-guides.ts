import type { HallId } from '#shared/halls';

/** What belongs in each hall, for the system prompt. The halls themselves live in shared/halls.ts. */
export const HALL_GUIDES: Record<HallId, string> = {
  family:
    'parents, grandparents, siblings, children, relatives, home life with them / 父母、祖辈、兄弟姐妹、孩子、亲戚，和他们一起的家',
  love: 'romance, partners, crushes, dating, heartbreak, marriage / 恋爱、伴侣、暗恋、约会、分手、婚姻',
  friends:
    'friends, classmates, colleagues as friends, communities / 朋友、同学、成为朋友的同事、小圈子',
  'study-work':
    'school, exams, theses, learning, jobs, colleagues, careers, money earned / 学校、考试、论文、学习、工作、同事、职业',
  self: 'identity, growth, values, habits, self-talk, being alone with oneself / 自我认同、成长、价值观、习惯、和自己相处',
  'body-health':
    'the body, sleep, illness, exercise, food as health, the mind’s health / 身体、睡眠、疾病、运动、饮食与健康、心理状态',
  'places-journeys':
    'travel, moving, cities, nature, homes as places, commutes / 旅行、搬家、城市、自然、住过的地方、路上',
  'dreams-ideas':
    'night dreams, plans, wishes, projects, ideas, things read or made / 夜里的梦、计划、愿望、创作、想法、读到的东西',
  losses:
    'death, grief, endings, things and people lost, goodbyes / 离世、哀伤、结束、失去的人和物、告别',
  everyday:
    'ordinary days, weather, errands, small pleasures; the fallback hall / 平常的日子、天气、琐事、小确幸；找不到别处时放这里',
};
