import type { LibrarianOutput } from '#shared/librarian';
import type { UserMessageInput } from './user-message.ts';

/**
 * The worked example of a batch (two memories in one message → `{"results": [...]}`). Fixed text,
 * so the prompt stays byte-identical; a test checks every result against the schema.
 */
export const BATCH_EXAMPLE: {
  input: Omit<UserMessageInput, 'entry'> & { entries: UserMessageInput['entry'][] };
  output: { results: (LibrarianOutput & { id: string })[] };
} = {
  input: {
    notebook: ['Sam is a close friend from university.'],
    related: [
      {
        id: 'm-0871',
        callNumber: 'FRI-sam-0006',
        summary: 'Sam helped carry boxes up four floors on moving day.',
      },
    ],
    entries: [
      {
        id: 'm-0905',
        writtenAt: '2025-09-14T18:20:00+01:00',
        lang: 'en',
        text: 'Sam and I finally fixed the bike chain ourselves. Greasy hands, lots of swearing, and then it just clicked into place.',
      },
      {
        id: 'm-0906',
        writtenAt: '2025-09-15T07:45:00+08:00',
        lang: 'zh',
        text: '早上在地铁上看到一个小孩把座位让给了老奶奶，整节车厢都安静地笑了。',
      },
    ],
  },
  output: {
    results: [
      {
        id: 'm-0905',
        reply:
          '"Greasy hands, lots of swearing, and then it just clicked": the best kind of small victory, and better for having Sam there. The two of you sound like a good repair crew.',
        title: 'Fixing the bike chain with Sam',
        summary:
          'Fixed a bike chain with Sam without help, after a messy struggle that suddenly worked.',
        hall: 'friends',
        shelf: 'Sam',
        emotions: [
          { name: 'satisfaction', intensity: 0.7 },
          { name: 'amusement', intensity: 0.5 },
        ],
        people: ['Sam'],
        places: [],
        themes: ['doing it ourselves', 'friendship'],
        keywords: ['bike', 'chain', 'repair', 'Sam'],
        whyHere:
          'A small shared project with Sam, so it joins the other Sam memories among friends.',
        related: [{ id: 'm-0871', why: 'Another time Sam showed up with practical help.' }],
        notebook: [],
      },
      {
        id: 'm-0906',
        reply: '整节车厢“安静地笑了”——这个画面真好。一个小小的让座，让一个普通的早晨亮了一下。',
        title: '地铁上的让座',
        summary: '早上在地铁上看到小孩给老奶奶让座，整节车厢都笑了。',
        hall: 'everyday',
        shelf: '路上的小事',
        emotions: [{ name: '温暖', intensity: 0.7 }],
        people: ['小孩', '老奶奶'],
        places: ['地铁'],
        themes: ['陌生人的善意'],
        keywords: ['地铁', '让座', '小孩', '老奶奶'],
        whyHere: '是通勤路上看到的一件温暖小事，和 Sam 无关，放在日常展厅。',
        related: [],
        notebook: [],
      },
    ],
  },
};
