// Wrong REGISTER passwords, counted per (device id, source address). After `maxFailures` wrong answers in a
// window that pair is refused without checking until the window passes. Keyed by source too, so a flood of
// wrong answers for a device id from elsewhere never locks out the real device: it registers from its own
// address and is counted apart. Memory is bounded: the oldest entries go first when the table is full.

export interface RegisterThrottleOptions {
  maxFailures: number;
  windowMs: number;
  /** The most (device, source) pairs remembered. */
  maxEntries?: number;
}

interface Failures {
  count: number;
  windowStart: number;
}

export class RegisterThrottle {
  private readonly failures = new Map<string, Failures>();
  private readonly maxEntries: number;

  constructor(private readonly options: RegisterThrottleOptions) {
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  /** True while this device id from this address has used up its wrong answers. */
  blocked(deviceId: string, address: string, now = Date.now()): boolean {
    const entry = this.current(deviceId, address, now);
    return entry !== undefined && entry.count >= this.options.maxFailures;
  }

  failed(deviceId: string, address: string, now = Date.now()): void {
    const key = `${deviceId}@${address}`;
    const entry = this.current(deviceId, address, now);
    if (entry) {
      entry.count += 1;
      return;
    }
    if (this.failures.size >= this.maxEntries) this.evictOldest();
    this.failures.set(key, { count: 1, windowStart: now });
  }

  /** A right answer from this address clears its count. */
  succeeded(deviceId: string, address: string): void {
    this.failures.delete(`${deviceId}@${address}`);
  }

  private current(deviceId: string, address: string, now: number): Failures | undefined {
    const key = `${deviceId}@${address}`;
    const entry = this.failures.get(key);
    if (entry && now - entry.windowStart >= this.options.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private evictOldest(): void {
    // A Map iterates in insertion order: the first key is the oldest window.
    const oldest = this.failures.keys().next();
    if (!oldest.done) this.failures.delete(oldest.value);
  }
}
