/**
 * The memory graph's links (issue 6): a person, place or theme named on a memory's catalog card,
 * kept incrementally as cards are written so the graph never needs a full scan.
 */
export type MentionKind = 'person' | 'place' | 'theme';

export interface Mention {
  kind: MentionKind;
  /** The name folded for matching (case, width); `name` keeps it as written. */
  key: string;
  name: string;
  entryId: string;
}

export const GRAPH_STORES = {
  // [kind+key+entryId]: one link. entryId: replace a memory's links when its card changes.
  mentions: '[kind+key+entryId], entryId',
} as const;
