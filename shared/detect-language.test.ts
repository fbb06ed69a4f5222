import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';

describe('detectLanguage', () => {
  it('calls Chinese text zh', () => {
    expect(detectLanguage('今天去看了外婆，她又给我包了饺子。')).toBe('zh');
  });

  it('keeps Chinese with a few names or brands zh', () => {
    expect(detectLanguage('今天和Lin去了Costco，买了很多东西，很开心。')).toBe('zh');
  });

  it('calls English text en', () => {
    expect(detectLanguage('Walked to the river after work and watched the light go.')).toBe('en');
  });

  it('keeps English with a Chinese name en', () => {
    expect(
      detectLanguage('Had dinner with 小林 and talked about the move for hours tonight.'),
    ).toBe('en');
  });

  it('calls text that mixes both in earnest mixed', () => {
    expect(
      detectLanguage('Today 我和妈妈 went to the park, 她说 the flowers are early this year.'),
    ).toBe('mixed');
  });

  it('falls back to en for text with no letters', () => {
    expect(detectLanguage('2024 … 123 !!')).toBe('en');
  });
});
