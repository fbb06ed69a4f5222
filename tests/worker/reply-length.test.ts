import { describe, expect, it } from 'vitest';
import { BRIEF_MAX_OUTPUT_TOKENS } from '#shared/librarian';
import { SYSTEM_PROMPT } from '../../worker/librarian/system-prompt.ts';
import {
  catalogRequest,
  postCatalog,
  registerDevice,
  sentUpstream,
  uniqueMarker,
} from './helpers.ts';

describe('a brief reply when the ink runs low', () => {
  it('caps the output tokens and asks for one or two sentences, outside the cached prefix', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    const response = await postCatalog(
      token,
      catalogRequest(`A short day. ${marker}`, { replyLength: 'brief' }),
    );
    expect(response.status).toBe(200);
    const { body } = await sentUpstream(marker);
    expect(body.max_tokens).toBe(BRIEF_MAX_OUTPUT_TOKENS);
    expect(body.messages[0]).toEqual({ role: 'system', content: SYSTEM_PROMPT });
    expect(body.messages[1]?.content).toContain('Reply length: brief');
  });

  it('leaves a normal request unchanged', async () => {
    const { token } = await registerDevice();
    const marker = uniqueMarker();
    await postCatalog(token, catalogRequest(`A long day. ${marker}`));
    const { body } = await sentUpstream(marker);
    expect(body.max_tokens).toBe(1200);
    expect(body.messages[1]?.content).not.toContain('Reply length');
  });

  it('refuses an unknown reply length with the error shape', async () => {
    const { token } = await registerDevice();
    const response = await postCatalog(
      token,
      catalogRequest('x', { replyLength: 'tiny' as unknown as 'brief' }),
    );
    expect(response.status).toBe(400);
  });
});
