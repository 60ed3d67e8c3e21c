// A GB/T 28181 channel's live video, fetched only while someone holds it: the first hold INVITEs the
// channel, the last release BYEs it a grace period later (a viewer flicking between tiles, or the detection
// sampler asking every few seconds, does not make a call each time). While held, a call that ends — the
// device hangs up, the media connection closes, or no frame came for the stall time — is made again with
// capped backoff.
import { Backoff } from '../backoff';
import type { Logger } from '../logger';
import type { EsFrame, GbMedia } from './media-ports';
import { openMediaSession, type MediaSession } from './media-session';

export type HoldPurpose = 'viewer' | 'snapshot' | 'sampler' | 'clip' | 'cascade';

export interface LiveOnDemandOptions {
  cameraId: string;
  deviceId: string;
  channelId: string;
  /** 0 main stream, 1 sub-stream (GB/T 28181-2022 `a=streamnumber`). */
  streamNumber: 0 | 1;
  gb: GbMedia;
  stallSeconds: number;
  onFrame: (frame: EsFrame) => void;
  /** A call could not be made or was lost (while held), with why; `idle` once the last holder's grace ended. */
  onTrouble: (reason: string) => void;
  onIdle: () => void;
  log: Logger;
}

const WATCHDOG_MS = 500;

export class LiveOnDemand {
  private readonly holders = new Map<symbol, HoldPurpose>();
  private readonly backoff = new Backoff(1_000, 15_000);
  private session: MediaSession | null = null;
  private opening = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private lastFrameAt = 0;
  private stopped = false;

  constructor(private readonly options: LiveOnDemandOptions) {}

  /** Whether a call is up or being made. */
  get active(): boolean {
    return this.session !== null || this.opening || this.retryTimer !== null;
  }

  get holdCount(): number {
    return this.holders.size;
  }

  /** Holds the live video until the returned function is called (once; later calls do nothing). */
  acquire(purpose: HoldPurpose): () => void {
    const hold = Symbol(purpose);
    this.holders.set(hold, purpose);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.active && !this.stopped) void this.call();
    return () => this.release(hold);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.holders.clear();
    await this.hangUp();
  }

  private release(hold: symbol): void {
    if (!this.holders.delete(hold) || this.holders.size > 0 || this.stopped) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.holders.size === 0) void this.hangUp().then(() => this.options.onIdle());
    }, this.options.gb.idleSeconds * 1000);
  }

  private async call(): Promise<void> {
    const { cameraId, deviceId, channelId, streamNumber, gb, log } = this.options;
    this.opening = true;
    let session: MediaSession;
    try {
      session = await openMediaSession(gb, { deviceId, channelId, mode: 'play', streamNumber }, (frame) => this.frame(frame));
    } catch (error) {
      this.opening = false;
      this.lost(`cannot INVITE the channel: ${(error as Error).message}`);
      return;
    }
    this.opening = false;
    if (this.stopped || this.holders.size === 0) {
      await session.close();
      if (!this.stopped) this.options.onIdle();
      return;
    }
    this.session = session;
    this.lastFrameAt = Date.now();
    log.info({ cameraId, deviceId, channelId, streamNumber, transport: gb.transport }, 'GB channel invited');
    this.watchdog = setInterval(() => this.checkForStall(session), WATCHDOG_MS);
    void session.ended.then((why) => {
      if (this.session === session) void this.drop(session, why);
    });
  }

  private frame(frame: EsFrame): void {
    this.lastFrameAt = Date.now();
    this.options.onFrame(frame);
  }

  private checkForStall(session: MediaSession): void {
    if (this.session !== session || Date.now() - this.lastFrameAt <= this.options.stallSeconds * 1000) return;
    void this.drop(session, `no frame for ${this.options.stallSeconds} s`);
  }

  /** The call ended or stalled while held: BYE what is left of it and call again after the backoff. */
  private async drop(session: MediaSession, why: string): Promise<void> {
    this.session = null;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    await session.close();
    this.lost(why);
  }

  private lost(why: string): void {
    const { cameraId, channelId, log } = this.options;
    if (this.stopped) return;
    if (this.holders.size === 0) {
      this.options.onIdle();
      return;
    }
    const delay = this.backoff.next();
    log.warn({ cameraId, channelId, why, retryInMs: delay }, 'GB live call lost; calling again');
    this.options.onTrouble(why);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped && this.holders.size > 0) void this.call();
    }, delay);
  }

  private async hangUp(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.retryTimer = this.watchdog = this.idleTimer = null;
    const session = this.session;
    this.session = null;
    if (!session) return;
    await session.close();
    this.options.log.info({ cameraId: this.options.cameraId, channelId: this.options.channelId }, 'GB channel released (BYE)');
  }
}
