import type { picturesEn } from '../en/pictures.ts';

/** pictures 功能的中文，与 en/pictures.ts 的键一致。 */
export const picturesZh: Record<keyof typeof picturesEn, string> = {
  'pictures.link': '图景',
  'pictures.title': '图景',
  'pictures.intro': '把图书馆画出来：记忆里的情绪怎样随时间变化，它们共有哪些人、地方和主题。',
  'pictures.loading': '正在绘制…',

  'pictures.emotionsTitle': '情绪的变化',
  'pictures.period': '按时间分组',
  'pictures.week': '周',
  'pictures.month': '月',
  'pictures.hall': '展厅',
  'pictures.allHalls': '全部展厅',
  'pictures.noEmotions': '这里还没有编目的记忆。记忆上架后，它们的情绪会出现在这里。',
  'pictures.summary': '从 {from} 到 {to}：共 {count} 段记忆。最常见的情绪：{top}。',
  'pictures.emotionCount': '{name}（{count}）',
  'pictures.tableCaption': '各时段的情绪，最近的在前',
  'pictures.colPeriod': '时段',
  'pictures.colMemories': '记忆',
  'pictures.colEmotions': '情绪',
  'pictures.weekOf': '{date} 那一周',
  'pictures.none': '—',

  'pictures.graphTitle': '记忆图谱',
  'pictures.graphHint': '你的记忆共有的人、地方和主题。点一个，看看提到它的记忆。',
  'pictures.graphSearch': '搜索图谱',
  'pictures.graphEmpty': '记忆编目之后图谱才会长出来：现在还没有可以连起来的。',
  'pictures.graphNoMatch': '没有与“{query}”相符的人、地方或主题。',
  'pictures.graphShown': '显示 {shown} / {total} 个。',
  'pictures.showMore': '显示更多',
  'pictures.person': '人物',
  'pictures.place': '地方',
  'pictures.theme': '主题',
  'pictures.node': '{name}，{kind}，{count} 段记忆',
  'pictures.nodeMemories': '提到「{name}」的记忆',

  'training.title': '用于训练模型',
  'training.explain':
    '用你的图书馆生成数据集，自己微调或比较模型：你保留的图书管理员回应，以及你在“比较”页上的选择。私密记忆和回收站里的记忆永远不会包含在内。',
  'training.fineTuning': '导出微调 JSONL',
  'training.preference': '导出偏好 JSONL',
  'training.exported': '已导出 {count} 条样本。',
  'training.failed': '导出没有成功：{reason}',
};
