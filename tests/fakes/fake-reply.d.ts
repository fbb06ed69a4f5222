import type { LibrarianOutput } from '../../shared/librarian.ts';

export interface FakeMemory {
  id?: string;
  text: string;
  lang?: string;
  writtenAt?: string;
}

export interface FakeRelatedCard {
  id: string;
  callNumber: string;
  summary: string;
}

export function detectLanguage(text: string, hint?: string): 'zh' | 'en' | 'mixed';
export function deterministicAnswer(input: {
  memory: FakeMemory;
  related?: FakeRelatedCard[];
}): LibrarianOutput;
export function parseCatalogPrompt(content: string): {
  memory: FakeMemory;
  /** Every memory line (more than one in a batch request). */
  memories: FakeMemory[];
  related: FakeRelatedCard[];
  notebook: string[];
  corrections: string[];
};
