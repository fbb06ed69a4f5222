import { z } from 'zod';

/** Every error code the API can answer with (DESIGN.md §5). */
export const ErrorCodeSchema = z.enum([
  'invalid-request',
  'unauthenticated',
  'forbidden',
  'not-found',
  // 409: a conditional write lost to another device's (the library key, SYNC-18a).
  'conflict',
  'too-large',
  'budget-exceeded',
  'rate-limited',
  'upstream-error',
  'upstream-unavailable',
  'internal-error',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The one wire shape of every error: `{"error":{"code","message","details"?}}`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
