// The in-process scheduler catches up at start, except jobs that ask to wait until the start has settled
// (heavy daily work such as bulletins), and then runs each job on its interval, never two runs of one at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger';
import { startInProcessScheduler } from './scheduler';

describe('in-process scheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('runs quick jobs a second after start, delayed ones when asked, then on their interval', async () => {
    vi.useFakeTimers();
    const runs: string[] = [];
    const job = (name: string, everyMs: number, firstRunAfterMs?: number) => ({
      name,
      everyMs,
      firstRunAfterMs,
      run: () => Promise.resolve(void runs.push(name)),
    });
    const scheduler = startInProcessScheduler([job('deadlines', 30_000), job('bulletins', 3_600_000, 600_000)], createLogger('silent'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual(['deadlines']);
    await vi.advanceTimersByTimeAsync(599_000);
    expect(runs.filter((name) => name === 'bulletins')).toHaveLength(1);
    expect(runs.filter((name) => name === 'deadlines')).toHaveLength(1 + 20);
    await scheduler.stop();
  });
});
