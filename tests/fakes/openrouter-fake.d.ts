/** Types of openrouter-fake.js (plain JS so Node 20 runs it without a build step). */

export interface RecordedRequest {
  method: string;
  path: string;
  /** Request headers without `authorization`. */
  headers: Record<string, string | string[] | undefined>;
  /** Whether an Authorization header was sent (its value is never kept). */
  hasAuthorization: boolean;
  /** The parsed JSON body, or null when it was not JSON. */
  body: unknown;
  /** The body as received (not returned by GET /__fake/requests). */
  raw: string;
  receivedAt: string;
}

export interface FakeUpstream {
  /** e.g. `http://127.0.0.1:PORT`; the Worker's LLM_BASE_URL is `${url}/api/v1`. */
  url: string;
  /** Every request so far, oldest first (live array). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export function startFakeUpstream(options?: {
  port?: number;
  host?: string;
}): Promise<FakeUpstream>;

export function readMarkers(text: string): Map<string, string>;
