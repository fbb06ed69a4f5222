import { Hono } from 'hono';
import type { ModelList } from '#shared/models';
import type { AppEnv } from '../app-env.ts';
import { requireDevice } from '../auth.ts';
import { readConfig } from '../env.ts';
import { allowedModels, modelProfile } from '../librarian/models.ts';

export const models = new Hono<AppEnv>();

const perToken = (perMillion: number | null) => (perMillion === null ? null : perMillion / 1e6);

/** The operator's allowlist with prices (USD per token) and capabilities. */
models.get('/', requireDevice, (c) => {
  const config = readConfig(c.env);
  const body: ModelList = {
    models: allowedModels(config).map((id) => {
      const profile = modelProfile(id);
      return {
        id,
        isDefault: id === config.defaultModel,
        prices: profile.isKnown
          ? {
              prompt: profile.promptPerMTok / 1e6,
              completion: profile.completionPerMTok / 1e6,
              cacheRead: perToken(profile.cacheReadPerMTok),
              cacheWrite: perToken(profile.cacheWritePerMTok),
            }
          : null,
        supportsStructuredOutput: profile.supportsStructuredOutput,
        supportsReasoning: profile.supportsReasoning,
      };
    }),
  };
  return c.json(body);
});
