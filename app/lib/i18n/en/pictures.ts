/** English strings of the pictures feature, spread into en.ts (one file per feature keeps merges apart). */
export const picturesEn = {
  'pictures.link': 'Pictures', // contract: the link on the Library page
  'pictures.title': 'Pictures',
  'pictures.intro': 'Your library drawn: how memories felt over time, and who and what they share.',
  'pictures.loading': 'Drawing…',

  'pictures.emotionsTitle': 'Emotions over time', // contract
  'pictures.period': 'Group by',
  'pictures.week': 'Week',
  'pictures.month': 'Month',
  'pictures.hall': 'Hall',
  'pictures.allHalls': 'All halls',
  'pictures.noEmotions':
    'No catalogued memories here yet. Their emotions will appear once shelved.',
  'pictures.summary': 'From {from} to {to}: {count} memories. Felt most: {top}.',
  'pictures.emotionCount': '{name} ({count})',
  'pictures.tableCaption': 'Emotions by period, newest first',
  'pictures.colPeriod': 'Period',
  'pictures.colMemories': 'Memories',
  'pictures.colEmotions': 'Emotions',
  'pictures.weekOf': 'Week of {date}',
  'pictures.none': '—',

  'pictures.graphTitle': 'Memory graph', // contract
  'pictures.graphHint':
    'People, places and themes your memories share. Tap one to see its memories.',
  'pictures.graphSearch': 'Search the graph', // contract
  'pictures.graphEmpty': 'The graph grows as memories are catalogued: nothing to link yet.',
  'pictures.graphNoMatch': 'No person, place or theme matches “{query}”.',
  'pictures.graphShown': 'Showing {shown} of {total}.',
  'pictures.showMore': 'Show more',
  'pictures.person': 'person',
  'pictures.place': 'place',
  'pictures.theme': 'theme',
  'pictures.node': '{name}, {kind}, {count} memories',
  'pictures.nodeMemories': 'Memories that mention {name}',

  'training.title': 'For training models',
  'training.explain':
    'Datasets from your library for fine-tuning or comparing models yourself: the librarian’s replies you kept, and your choices on the Compare page. Private memories and the Trash are never included.',
  'training.fineTuning': 'Export fine-tuning JSONL',
  'training.preference': 'Export preference JSONL',
  'training.exported': 'Exported {count} examples.',
  'training.failed': 'The export did not work: {reason}',
} as const;
