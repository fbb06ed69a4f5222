import type { AuthenticatedDevice } from '../app-env.ts';
import type { Config, Env } from '../env.ts';

/** Everything a librarian call needs besides its messages: who pays, where to, and for how long. */
export interface CallContext {
  env: Env;
  config: Config;
  device: AuthenticatedDevice;
  ctx: ExecutionContext;
  /** Per library (prepare-call.ts), so one library stays on one provider and its cache. */
  sessionId: string;
}
