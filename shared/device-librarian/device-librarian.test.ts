import { describe, expect, it } from 'vitest';
import { LibrarianCatalogSchema } from '../librarian.ts';
import { buildDeviceCard } from './device-card.ts';
import { EMOTIONS, pickEmotions } from './emotions.ts';
import { findPeople, findPlaces } from './entities.ts';
import { proposeShelf, type Neighbour } from './shelve.ts';

const neighbour = (
  callNumber: string,
  hall: Neighbour['hall'],
  shelf: string,
  score = 1,
): Neighbour => ({
  entryId: callNumber,
  score,
  hall,
  shelf,
  callNumber,
});

describe('emotion lexicon', () => {
  it('has the sixteen emotions, each with Chinese and English cues', () => {
    expect(EMOTIONS.map((emotion) => emotion.id)).toEqual([
      'joy',
      'calm',
      'gratitude',
      'love',
      'nostalgia',
      'hope',
      'pride',
      'relief',
      'sadness',
      'grief',
      'loneliness',
      'anxiety',
      'anger',
      'shame',
      'fear',
      'tiredness',
    ]);
    for (const emotion of EMOTIONS) {
      expect(emotion.words.some((word) => /\p{Script=Han}/u.test(word))).toBe(true);
      expect(emotion.words.some((word) => /[a-z]/.test(word))).toBe(true);
    }
  });

  it('picks emotions in both languages and says which words signalled them', () => {
    expect(pickEmotions('论文又被退回来了，我很焦虑，整晚睡不着')[0]).toMatchObject({
      name: 'anxiety',
    });
    const [first] = pickEmotions('Walked home alone tonight and felt so lonely.');
    expect(first).toMatchObject({ name: 'loneliness', cues: ['lonely', 'alone'] });
    expect(first!.intensity).toBeGreaterThan(0.7);
  });

  it('matches Latin cues as whole words only', () => {
    expect(pickEmotions('Sadie came over')).toEqual([]);
  });
});

describe('shelving on the device', () => {
  it('shelves beside neighbours that agree, citing their call numbers', () => {
    const proposal = proposeShelf('外婆打电话来', 'zh', [
      neighbour('FAM-外婆-0001', 'family', '外婆', 0.9),
      neighbour('FAM-外婆-0002', 'family', '外婆', 0.8),
      neighbour('EVE-日常-0004', 'everyday', '日常', 0.3),
    ]);
    expect(proposal).toMatchObject({ hall: 'family', shelf: '外婆', basis: 'neighbours' });
    expect(proposal.whyHere).toContain('FAM-外婆-0001');
  });

  it('follows a shelf the person corrected: neighbours outweigh the lexicon', () => {
    const proposal = proposeShelf('Baked with Grandma again', 'en', [
      neighbour('FAM-baking-0001', 'family', 'baking'),
      neighbour('FAM-baking-0002', 'family', 'baking'),
    ]);
    expect(proposal.shelf).toBe('baking');
  });

  it('uses the keyword lexicon when the library is new', () => {
    expect(proposeShelf('论文被导师退回来了', 'zh', [])).toMatchObject({
      hall: 'study-work',
      shelf: '论文',
      basis: 'lexicon',
    });
    expect(proposeShelf('My advisor liked the thesis', 'en', [])).toMatchObject({
      shelf: 'thesis',
    });
  });

  it('falls back to Everyday when nothing matches and neighbours disagree', () => {
    const proposal = proposeShelf('嗯', 'zh', [
      neighbour('FAM-a-0001', 'family', 'a'),
      neighbour('STU-b-0001', 'study-work', 'b'),
      neighbour('SEL-c-0001', 'self', 'c'),
    ]);
    expect(proposal).toMatchObject({ hall: 'everyday', basis: 'fallback' });
  });
});

describe('the device card', () => {
  it('is a valid catalog card, with people, places and related memories', () => {
    const card = buildDeviceCard({
      text: 'Met Lin at the station. We talked about Grandma and I felt grateful, thankful even.',
      lang: 'en',
      related: [{ entryId: 'm1', score: 1, shared: ['grandma'] }],
      neighbours: [],
    });
    expect(LibrarianCatalogSchema.safeParse(card).success).toBe(true);
    expect(card.people).toEqual(expect.arrayContaining(['grandma', 'Lin']));
    expect(card.places).toContain('station');
    expect(card.emotions[0]?.name).toBe('gratitude');
    expect(card.related).toEqual([{ id: 'm1', why: 'grandma' }]);
    expect(card.title).toBe('Met Lin at the station');
  });

  it('handles a very long memory without breaking the card limits', () => {
    const card = buildDeviceCard({
      text: '外婆'.repeat(50_000),
      lang: 'zh',
      related: [],
      neighbours: [],
    });
    expect(LibrarianCatalogSchema.safeParse(card).success).toBe(true);
  });
});

describe('people and places', () => {
  it('finds kin words and names in both languages', () => {
    expect(findPeople('今天和妈妈、外婆去了海边')).toEqual(
      expect.arrayContaining(['妈妈', '外婆']),
    );
    expect(findPlaces('今天和妈妈、外婆去了海边')).toContain('海边');
    expect(findPlaces('A weekend in Edinburgh')).toContain('Edinburgh');
  });
});
