// Capped exponential backoff for restarting things that fail: quick on a blip, never a hot loop.
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs: number,
    private readonly capMs: number,
  ) {}

  /** The delay before the next attempt; each call doubles the following one, up to the cap. */
  next(): number {
    const delay = Math.min(this.capMs, this.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
