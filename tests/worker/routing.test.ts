import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/errors';
import { callWorker, jsonPost } from './helpers.ts';

describe('routing and the error shape', () => {
  it('answers unknown API paths with 404 not-found in the error shape', async () => {
    const response = await callWorker('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('not-found');
  });

  it('answers a wrong method with 405 in the error shape and an Allow header', async () => {
    const response = await callWorker('/api/v1/health', jsonPost({}));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toContain('GET');
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('not-found');
  });

  it('answers GET on a POST-only route with 405', async () => {
    const response = await callWorker('/api/v1/librarian/catalog');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
