import { Allow, parse } from 'partial-json';
import { stripOpeningFence } from './parse-answer.ts';

/**
 * Turns the growing JSON content into increments of its `reply` field, so the person reads the
 * reply while the model is still writing the catalog card.
 */
export class ReplyDeltas {
  #sent = '';
  #isComplete = false;

  /** All reply text sent so far. */
  get sent(): string {
    return this.#sent;
  }

  /** The new part of the reply in `content` (everything received so far), or ''. */
  next(content: string): string {
    if (this.#isComplete) return '';
    const text = stripOpeningFence(content);
    const start = text.indexOf('{');
    if (start < 0) return '';
    let value: unknown;
    try {
      value = parse(text.slice(start), Allow.ALL);
    } catch {
      return '';
    }
    if (typeof value !== 'object' || value === null) return '';
    const keys = Object.keys(value);
    const reply = (value as { reply?: unknown }).reply;
    if (typeof reply !== 'string') return '';
    // A key after `reply` means its string is closed: no need to parse again.
    if (keys.length > 1 && keys.indexOf('reply') < keys.length - 1) this.#isComplete = true;
    let visible = reply;
    // Hold back half of a surrogate pair until its other half arrives.
    if (!this.#isComplete && /[\uD800-\uDBFF]$/.test(visible)) visible = visible.slice(0, -1);
    if (!visible.startsWith(this.#sent) || visible.length === this.#sent.length) return '';
    const delta = visible.slice(this.#sent.length);
    this.#sent = visible;
    return delta;
  }
}
