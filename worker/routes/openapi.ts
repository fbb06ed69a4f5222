import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { openApiDocument } from '../openapi/document.ts';

export const openapi = new Hono<AppEnv>();

/** No auth: it describes the API, it opens nothing. Built once per isolate. */
let document: Record<string, unknown> | null = null;

openapi.get('/', (c) => {
  document ??= openApiDocument();
  return c.json(document);
});
