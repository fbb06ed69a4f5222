/**
 * Run `task` after the next frame is painted, once the browser has a quiet moment (at the latest
 * after `timeoutMs`). For start-up work the first screen does not need: loading and running its
 * code (zod, crypto, Workbox) must not hold up the screen or the first keystrokes.
 */
export function whenIdle(task: () => void, timeoutMs = 2_000): void {
  afterNextPaint(() => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(task, { timeout: timeoutMs });
    else setTimeout(task, 0);
  });
}

/** Run `task` in a task of its own once the next frame has been painted. */
export function afterNextPaint(task: () => void): void {
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => setTimeout(task, 0));
  } else {
    setTimeout(task, 0);
  }
}

/**
 * Run `steps` in order, each at a quiet moment of its own, a step that returns a promise (code it
 * loads) only after that settles: start-up work whose pieces load and evaluate code of their own
 * (zod schemas, crypto), so that their evaluations never pile up into one long task.
 */
export function whenIdleInTurn(steps: readonly (() => unknown)[], timeoutMs = 2_000): void {
  const [step, ...rest] = steps;
  if (!step) return;
  whenIdle(() => {
    void Promise.resolve()
      .then(step)
      .catch(() => undefined)
      .then(() => whenIdleInTurn(rest, timeoutMs));
  }, timeoutMs);
}
