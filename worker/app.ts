import { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { AppEnv } from './app-env.ts';
import { errorBody, errorToResponse } from './http-error.ts';
import { devices } from './routes/devices.ts';
import { health } from './routes/health.ts';
import { librarian } from './routes/librarian.ts';
import { models } from './routes/models.ts';
import { openapi } from './routes/openapi.ts';
import { usage } from './routes/usage.ts';
import { sync } from './routes/sync.ts';
import { securityHeaders } from './security-headers.ts';

/** The Worker's router; tests call `app.fetch(request, env, ctx)` with an env of their own. */
export const app = new Hono<AppEnv>();

app.use('/api/*', securityHeaders);
app.use(
  '/api/*',
  methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) =>
      c.json(errorBody('not-found', `This address does not accept ${c.req.method}.`), 405, {
        allow: methods.join(', '),
      }),
  }),
);

app.route('/api/v1/health', health);
app.route('/api/v1/devices', devices);
app.route('/api/v1/librarian', librarian);
app.route('/api/v1/models', models);
app.route('/api/v1/usage', usage);
app.route('/api/v1/sync', sync);
app.route('/api/v1/openapi.json', openapi);

app.all('/api/*', (c) => c.json(errorBody('not-found', 'There is nothing at this address.'), 404));
// Only /api/* runs the Worker first (wrangler.toml); anything else that gets here is the app's.
app.all('*', (c) => c.env.ASSETS.fetch(c.req.raw));

app.onError((error) => errorToResponse(error));
