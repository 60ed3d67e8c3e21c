// Hands out the ports of MEDIA_PORTS to media sessions. Ports are taken round-robin, so a port just released
// (whose device may still be sending to it) is the last to be handed out again.

export class MediaPortPool {
  private readonly free: number[] = [];
  private readonly taken = new Set<number>();
  private readonly from: number;
  private readonly to: number;

  constructor(range: { from: number; to: number }) {
    if (!Number.isInteger(range.from) || !Number.isInteger(range.to) || range.from < 1 || range.to > 65_535 || range.from > range.to) {
      throw new RangeError(`media port range ${range.from}-${range.to} is not a range of ports`);
    }
    this.from = range.from;
    this.to = range.to;
    for (let port = range.from; port <= range.to; port++) this.free.push(port);
  }

  /** A free port, or null when every port is in use. */
  take(): number | null {
    const port = this.free.shift();
    if (port === undefined) return null;
    this.taken.add(port);
    return port;
  }

  release(port: number): void {
    if (!this.taken.delete(port)) return; // not ours, or released twice
    this.free.push(port);
  }

  get size(): number {
    return this.to - this.from + 1;
  }

  get inUse(): number {
    return this.taken.size;
  }
}
