/** One OpenAPI operation, written short: request and response schemas by component name. */
export type Operation = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const oneOrMany = (names: string | string[]) =>
  Array.isArray(names) ? { oneOf: names.map(ref) } : ref(names);

const ERROR_STATUSES: Record<string, string> = {
  '400': 'invalid-request (zod issues in details)',
  '401': 'unauthenticated',
  '403': 'forbidden',
  '404': 'not-found',
  '409': 'conflict (a conditional write lost to another device)',
  '413': 'too-large (bodies over 256 KB)',
  '429': 'budget-exceeded or rate-limited, with Retry-After',
  '502': 'upstream-error',
  '503': 'upstream-unavailable',
};

export function operation(
  summary: string,
  options: {
    body?: string | string[];
    ok?: string | string[];
    status?: number;
    auth?: boolean;
    sse?: boolean;
    /** The name of the one path parameter, if the path has one. */
    pathParam?: string;
  },
): Operation {
  const content: Record<string, unknown> = {};
  if (options.ok) content['application/json'] = { schema: oneOrMany(options.ok) };
  if (options.sse) content['text/event-stream'] = { schema: { type: 'string' } };
  const errors = Object.fromEntries(
    Object.entries(ERROR_STATUSES).map(([status, description]) => [
      status,
      { description, content: { 'application/json': { schema: ref('Error') } } },
    ]),
  );
  return {
    summary,
    ...(options.auth ? { security: [{ deviceToken: [] }] } : {}),
    ...(options.pathParam
      ? {
          parameters: [
            {
              name: options.pathParam,
              in: 'path',
              required: true,
              schema: { type: 'string' },
            },
          ],
        }
      : {}),
    ...(options.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: oneOrMany(options.body) } },
          },
        }
      : {}),
    responses: {
      [String(options.status ?? 200)]: {
        description: 'Success',
        ...(Object.keys(content).length > 0 ? { content } : {}),
      },
      ...errors,
    },
  };
}
