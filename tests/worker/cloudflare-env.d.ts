import type { Env as WorkerEnv } from '../../worker/env.ts';

/** Types `env` and `exports` of 'cloudflare:workers' in the Worker tests. */
declare global {
  namespace Cloudflare {
    // Declaration merging into Cloudflare.Env needs an interface, even an empty one.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Env extends WorkerEnv {}
    interface GlobalProps {
      mainModule: typeof import('../../worker/index.ts');
      durableNamespaces: 'Library' | 'Gate' | 'Pairing';
    }
  }
}
