import { BRIEF_MAX_OUTPUT_TOKENS, type CatalogRequest, type ReplyLength } from '#shared/librarian';
import { sha256Hex } from '../crypto.ts';
import type { Config } from '../env.ts';
import { HttpError } from '../http-error.ts';
import { allowedModels } from './models.ts';
import { SYSTEM_PROMPT } from './system-prompt.ts';
import type { ChatMessage } from './upstream-request.ts';
import { buildUserMessage, userMessageInput } from './user-message.ts';

/** The requested model when the operator allows it, else the default. */
export function chooseModel(config: Config, requested: string | undefined): string {
  if (requested === undefined) return config.defaultModel;
  const allowed = allowedModels(config);
  if (!allowed.includes(requested)) {
    throw new HttpError(400, 'invalid-request', 'This server does not offer that model.', {
      allowedModels: allowed,
    });
  }
  return requested;
}

/**
 * Output tokens one memory's answer may use. A brief reply (the app asks for one when the ink runs
 * low) is capped lower, so it costs less and reserves less.
 */
export function maxOutputTokensPerEntry(config: Config, replyLength: ReplyLength): number {
  return replyLength === 'brief'
    ? Math.min(config.maxOutputTokens, BRIEF_MAX_OUTPUT_TOKENS)
    : config.maxOutputTokens;
}

/** The static system prompt first (cacheable), then everything about this person and memory. */
export function buildCatalogMessages(request: CatalogRequest): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: buildUserMessage(userMessageInput(request)) },
  ];
}

/** Opaque and stable per library, and reveals nothing about the library id. */
export async function sessionIdFor(libraryId: string): Promise<string> {
  return (await sha256Hex(`session:${libraryId}`)).slice(0, 32);
}
