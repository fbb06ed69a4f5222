import type { Env } from './env.ts';
import type { Library } from './objects/library.ts';

/** What the auth middleware learned from a verified token. */
export interface AuthenticatedDevice {
  libraryId: string;
  deviceId: string;
  /** The library's Durable Object, addressed only from the verified token. */
  library: DurableObjectStub<Library>;
}

/** Hono's type parameters for this app. */
export interface AppEnv {
  Bindings: Env;
  Variables: { device: AuthenticatedDevice };
}
