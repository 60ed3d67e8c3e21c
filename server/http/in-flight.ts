// Counts API requests being served, so that shutdown can wait for them to finish (and their writes to land).
import type { RequestHandler } from 'express';

export class InFlightRequests {
  private count = 0;
  private waiters: Array<() => void> = [];

  readonly middleware: RequestHandler = (_req, res, next) => {
    this.count += 1;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.count -= 1;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };

  get active(): number {
    return this.count;
  }

  /** Resolves when no request is in flight, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
