// Who needs a camera's video right now (viewers, snapshots for detection, evidence clips): the first hold
// starts the pull, the last release stops it a grace period later, so a viewer flicking between tiles or a
// sampler asking every few seconds does not restart ffmpeg each time. The same model as a GB channel's call
// (gb/live-on-demand.ts), for an RTSP camera pulled on demand.
import type { HoldPurpose } from './gb/live-on-demand';

export interface HoldsOptions {
  idleMs: number;
  onFirst: () => void;
  onIdle: () => void;
}

export class Holds {
  private readonly holders = new Map<symbol, HoldPurpose>();
  private idleTimer: NodeJS.Timeout | null = null;
  private pulling = false;
  private stopped = false;

  constructor(private readonly options: HoldsOptions) {}

  get count(): number {
    return this.holders.size;
  }

  /** Whether the pull runs (held, or within the grace after the last release). */
  get active(): boolean {
    return this.pulling;
  }

  /** Holds the video until the returned function is called (once; later calls do nothing). */
  acquire(purpose: HoldPurpose): () => void {
    const hold = Symbol(purpose);
    this.holders.set(hold, purpose);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.pulling && !this.stopped) {
      this.pulling = true;
      this.options.onFirst();
    }
    return () => this.release(hold);
  }

  stop(): void {
    this.stopped = true;
    this.holders.clear();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private release(hold: symbol): void {
    if (!this.holders.delete(hold) || this.holders.size > 0 || this.stopped) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.holders.size > 0 || this.stopped) return;
      this.pulling = false;
      this.options.onIdle();
    }, this.options.idleMs);
  }
}
