import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle, whenIdleInTurn } from './when-idle.ts';

describe('whenIdle', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('runs the task only after the next frame, in an idle callback bounded by the timeout', () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    const idles: { callback: IdleRequestCallback; timeout?: number }[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      frames.push(callback),
    );
    vi.stubGlobal(
      'requestIdleCallback',
      (callback: IdleRequestCallback, options?: IdleRequestOptions) =>
        idles.push({ callback, timeout: options?.timeout }),
    );
    const task = vi.fn();

    whenIdle(task, 1_500);
    vi.runAllTimers();
    expect(idles).toHaveLength(0);

    frames[0]?.(0);
    vi.runAllTimers();
    expect(task).not.toHaveBeenCalled();
    expect(idles).toHaveLength(1);
    expect(idles[0]?.timeout).toBe(1_500);

    idles[0]?.callback({ didTimeout: false, timeRemaining: () => 10 });
    expect(task).toHaveBeenCalledOnce();
  });

  it('falls back to timers where there are no frames or idle callbacks (never synchronously)', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', undefined);
    vi.stubGlobal('requestIdleCallback', undefined);
    const task = vi.fn();

    whenIdle(task);
    expect(task).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(task).toHaveBeenCalledOnce();
  });

  it('runs steps in order, one per idle callback', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      setTimeout(() => callback(0), 16),
    );
    const idles: IdleRequestCallback[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => idles.push(callback));
    const ran: string[] = [];

    whenIdleInTurn([() => ran.push('a'), () => ran.push('b'), () => ran.push('c')]);
    for (let turn = 1; turn <= 3; turn += 1) {
      await vi.runAllTimersAsync();
      expect(idles).toHaveLength(turn);
      idles[turn - 1]?.({ didTimeout: false, timeRemaining: () => 10 });
      await vi.waitFor(() => expect(ran).toHaveLength(turn));
    }
    await vi.runAllTimersAsync();
    expect(idles).toHaveLength(3);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('starts the next step only once the promise a step returned has settled', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', undefined);
    vi.stubGlobal('requestIdleCallback', undefined);
    let loaded!: () => void;
    let failed!: (error: Error) => void;
    const ran: string[] = [];

    whenIdleInTurn([
      () => new Promise<void>((resolve) => (loaded = () => (ran.push('a'), resolve()))),
      () => new Promise<void>((_, reject) => (failed = (error) => (ran.push('b'), reject(error)))),
      () => ran.push('c'),
    ]);
    await vi.runAllTimersAsync();
    expect(ran).toEqual([]);
    loaded();
    await vi.runAllTimersAsync();
    expect(ran).toEqual(['a']);
    failed(new Error('offline'));
    await vi.runAllTimersAsync();
    expect(ran).toEqual(['a', 'b', 'c']);
  });
});
