import type { ApiError } from '../api/result.ts';
import type { KeyProblem } from '../sync/keys/key-context.ts';
import { describeError } from './describe-error.ts';
import { translate, type Locale } from './index.ts';

/** Words for a key flow that did not work (Settings and the send page say it the same way). */
export function describeKeyProblem(
  locale: Locale,
  { problem, error }: { problem: KeyProblem; error?: ApiError },
): string {
  if (problem !== 'failed') return translate(locale, `keys.problem.${problem}`);
  if (!error) return translate(locale, 'keys.problem.unknown');
  return translate(locale, 'keys.problem.failed', { reason: describeError(locale, error) });
}
