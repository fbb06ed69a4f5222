import { Hono } from 'hono';
import type { Health } from '#shared/health';
import packageJson from '../../package.json';
import type { AppEnv } from '../app-env.ts';
import { readConfig } from '../env.ts';

export const health = new Hono<AppEnv>();

health.get('/', (c) => {
  const body: Health = {
    ok: true,
    version: packageJson.version,
    librarian: readConfig(c.env).isLibrarianOnline ? 'online' : 'offline',
  };
  return c.json(body);
});
