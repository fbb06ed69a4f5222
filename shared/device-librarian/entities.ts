import { HALL_LEXICON } from './hall-lexicon.ts';
import { foldForLexicon, mentions } from './mentions.ts';

/** People words: the kin and companion words of the family, love and friends shelves. */
const PEOPLE_WORDS = HALL_LEXICON.filter((row) =>
  ['family', 'love', 'friends'].includes(row.hall),
).flatMap((row) => row.words.filter((word) => !['date', 'friends'].includes(word)));

const PLACE_WORDS = [
  '老家',
  '海边',
  '图书馆',
  '公园',
  '医院',
  '机场',
  '车站',
  '火车站',
  '学校',
  '公司',
  '咖啡馆',
  '菜市场',
  '山顶',
  '地铁',
  '厨房',
  'home town',
  'hometown',
  'beach',
  'library',
  'park',
  'station',
  'hospital',
  'airport',
  'school',
  'office',
  'café',
  'cafe',
  'kitchen',
  'market',
];

/** "with Lin", "told Sam", "met Ana": a capitalised word after a verb of company is a name. */
const NAMED_PERSON =
  /\b(?:[Ww]ith|[Aa]nd|[Tt]old|[Cc]alled|[Mm]et|[Ss]aw|[Vv]isited|[Tt]exted|[Ff]rom)\s+([A-Z][a-z]{1,20})\b/g;
/** "in Paris", "at Costco": a capitalised word after in/at/to is a place. */
const NAMED_PLACE = /\b(?:[Ii]n|[Aa]t|[Tt]o)\s+([A-Z][a-z]{2,20})\b/g;
const NOT_NAMES = new Set([
  'I',
  'The',
  'A',
  'My',
  'We',
  'It',
  'This',
  'That',
  'Then',
  'Today',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
]);

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function findPeople(text: string): string[] {
  const folded = foldForLexicon(text);
  const kin = PEOPLE_WORDS.filter((word) => mentions(folded, word));
  const named = [...text.matchAll(NAMED_PERSON)]
    .map((match) => match[1]!)
    .filter((name) => !NOT_NAMES.has(name));
  return unique([...kin, ...named]).slice(0, 12);
}

export function findPlaces(text: string): string[] {
  const folded = foldForLexicon(text);
  const common = PLACE_WORDS.filter((word) => mentions(folded, word));
  const named = [...text.matchAll(NAMED_PLACE)]
    .map((match) => match[1]!)
    .filter((name) => !NOT_NAMES.has(name));
  return unique([...common, ...named]).slice(0, 12);
}
