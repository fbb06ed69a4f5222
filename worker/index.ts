import { app } from './app.ts';
import type { Env } from './env.ts';

export { Gate } from './objects/gate.ts';
export { Library } from './objects/library.ts';
export { Pairing } from './objects/pairing.ts';

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
