// Events per second over the last few seconds (frames per second of a camera), in whole-second buckets.
export class RateMeter {
  private readonly buckets: number[];
  private currentSecond = 0;
  private firstSecond: number | null = null;

  constructor(private readonly windowSeconds = 5) {
    this.buckets = new Array<number>(windowSeconds).fill(0);
  }

  add(count: number, nowMs = Date.now()): void {
    this.advance(nowMs);
    this.firstSecond ??= this.currentSecond;
    this.buckets[this.currentSecond % this.windowSeconds]! += count;
  }

  /**
   * The mean rate over the full seconds of the window (the current, partial second excluded), counting only
   * seconds since the first event, so a camera that just started is not reported slow.
   */
  perSecond(nowMs = Date.now()): number {
    this.advance(nowMs);
    if (this.firstSecond === null) return 0;
    const seconds = Math.min(this.windowSeconds - 1, this.currentSecond - this.firstSecond);
    if (seconds <= 0) return 0;
    let total = 0;
    for (let back = 1; back <= seconds; back += 1) total += this.buckets[(this.currentSecond - back) % this.windowSeconds]!;
    return Math.round((total / seconds) * 10) / 10;
  }

  private advance(nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    if (second - this.currentSecond >= this.windowSeconds) this.buckets.fill(0);
    else for (let next = this.currentSecond + 1; next <= second; next += 1) this.buckets[next % this.windowSeconds] = 0;
    this.currentSecond = Math.max(this.currentSecond, second);
  }
}
