import { z } from 'zod';
import { LibrarianOutputSchema } from '#shared/librarian';

type JsonSchema = { [key: string]: unknown };

/**
 * Keywords that strict structured output rejects on some providers (OpenAI and Anthropic refuse
 * length and range limits). zod checks those limits on the answer anyway, and the prompt states them.
 */
const UNPORTABLE_KEYWORDS = new Set([
  '$schema',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'pattern',
  'format',
]);

/** The schema of `response_format: json_schema` with `strict: true`, `reply` first so it streams early. */
export const LIBRARIAN_JSON_SCHEMA: JsonSchema = replyFirst(
  strictify(z.toJSONSchema(LibrarianOutputSchema) as JsonSchema),
);

/** Several memories in one call: `{"results": [{"id", ...one answer}]}`, `id` first. */
export const BATCH_JSON_SCHEMA: JsonSchema = batchOf(LIBRARIAN_JSON_SCHEMA);

function batchOf(single: JsonSchema): JsonSchema {
  const properties = { id: { type: 'string' }, ...(single.properties as JsonSchema) };
  const item = { ...single, properties, required: Object.keys(properties) };
  return {
    type: 'object',
    properties: { results: { type: 'array', items: item } },
    required: ['results'],
    additionalProperties: false,
  };
}

/** Strict mode wants every object closed and every key required, recursively. */
function strictify(node: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (UNPORTABLE_KEYWORDS.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, strictify(child as JsonSchema)]),
      );
    } else if (key === 'items' && isObject(value)) {
      out.items = strictify(value);
    } else {
      out[key] = value;
    }
  }
  if (out.type === 'object' && isObject(out.properties)) {
    out.required = Object.keys(out.properties);
    out.additionalProperties = false;
  }
  return out;
}

function replyFirst(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as Record<string, unknown>;
  const { reply, ...rest } = properties;
  const ordered = { reply, ...rest };
  return { ...schema, properties: ordered, required: Object.keys(ordered) };
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
