import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeDelay,
  describeError,
  isConnectionLost,
  storageErrorKey,
} from './describe-error.ts';
import { loadDictionary } from './index.ts';

beforeAll(() => Promise.all([loadDictionary('en'), loadDictionary('zh')]));

describe('describeError', () => {
  it('uses the app’s words for a known code, in the chosen language', () => {
    expect(describeError('en', { code: 'offline', message: 'Failed to fetch' })).toBe(
      'The server cannot be reached.',
    );
    expect(describeError('zh', { code: 'offline', message: 'Failed to fetch' })).toBe(
      '连不上服务器。',
    );
  });

  it('says when the librarian will try again', () => {
    expect(
      describeError('en', { code: 'budget-exceeded', message: 'x', retryAfterSeconds: 7200 }),
    ).toBe("The librarian's budget is used up for now. It will try again in 2 hours.");
  });

  it('falls back to the server’s message for an unknown code', () => {
    expect(describeError('en', { code: 'brand-new', message: 'Something new happened.' })).toBe(
      'Something new happened.',
    );
  });
});

describe('describeDelay', () => {
  it('rounds to the unit a person would say', () => {
    expect(describeDelay('en', 40)).toBe('in 40 seconds');
    expect(describeDelay('en', 300)).toBe('in 5 minutes');
    expect(describeDelay('en', 90_000)).toBe('tomorrow');
  });
});

describe('storage errors', () => {
  it('tells a full disk from a lost connection from anything else', () => {
    const quota = Object.assign(new Error('x'), {
      name: 'AbortError',
      inner: { name: 'QuotaExceededError' },
    });
    expect(storageErrorKey(quota).key).toBe('error.quota');
    expect(isConnectionLost(quota)).toBe(false);
    const closed = Object.assign(new Error('x'), { name: 'DatabaseClosedError' });
    expect(storageErrorKey(closed).key).toBe('error.connectionLost');
    expect(isConnectionLost(closed)).toBe(true);
    expect(storageErrorKey(new TypeError('boom'))).toEqual({
      key: 'error.storage',
      detail: 'TypeError',
    });
  });
});
