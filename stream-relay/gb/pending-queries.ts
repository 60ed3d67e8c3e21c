// Queries sent to devices and waiting for their answers. A device answers a Query with 200 at once and
// the data later in its own MESSAGE(s), matched by (device, SN). Catalog and RecordInfo answers come split
// over several MESSAGEs: items are gathered until SumNum have arrived. A device that stops answering
// halfway resolves with what came (a partial catalog beats none); one that never answers rejects.

export class QueryTimeoutError extends Error {}

interface Pending {
  items: unknown[];
  sumNum: number | null;
  single: boolean;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class PendingQueries {
  private readonly pending = new Map<string, Pending>();
  private sn = Math.floor(Math.random() * 100_000);

  constructor(private readonly timeoutMs: number) {}

  get size(): number {
    return this.pending.size;
  }

  nextSn(): number {
    this.sn = (this.sn % 999_999_999) + 1;
    return this.sn;
  }

  /** Waits for one answer (DeviceInfo, DeviceStatus). */
  single<T>(deviceId: string, sn: number): Promise<T> {
    return this.wait(deviceId, sn, true) as Promise<T>;
  }

  /** Waits for SumNum items over as many answers as it takes (Catalog, RecordInfo). */
  gathered<T>(deviceId: string, sn: number): Promise<T[]> {
    return this.wait(deviceId, sn, false) as Promise<T[]>;
  }

  /** An answer arrived; false when nobody waited for it (late, or never asked). */
  answerSingle(deviceId: string, sn: number, value: unknown): boolean {
    const key = `${deviceId}:${sn}`;
    const entry = this.pending.get(key);
    if (!entry?.single) return false;
    this.finish(key, entry);
    entry.resolve(value);
    return true;
  }

  answerPart(deviceId: string, sn: number, sumNum: number, items: readonly unknown[]): boolean {
    const key = `${deviceId}:${sn}`;
    const entry = this.pending.get(key);
    if (!entry || entry.single) return false;
    entry.sumNum = sumNum;
    entry.items.push(...items);
    if (entry.items.length >= sumNum) {
      this.finish(key, entry);
      entry.resolve(entry.items);
    }
    return true;
  }

  /** The device is gone: everything it was asked fails now rather than at the timeout. */
  abandon(deviceId: string, reason: string): void {
    for (const [key, entry] of this.pending) {
      if (!key.startsWith(`${deviceId}:`)) continue;
      this.finish(key, entry);
      entry.reject(new Error(reason));
    }
  }

  close(): void {
    for (const [key, entry] of this.pending) {
      this.finish(key, entry);
      entry.reject(new Error('SIP server stopped'));
    }
  }

  private wait(deviceId: string, sn: number, single: boolean): Promise<unknown> {
    const key = `${deviceId}:${sn}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const entry = this.pending.get(key);
        if (!entry) return;
        this.pending.delete(key);
        if (!entry.single && entry.items.length > 0) resolve(entry.items);
        else reject(new QueryTimeoutError(`device ${deviceId} did not answer query ${sn} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(key, { items: [], sumNum: null, single, resolve, reject, timer });
    });
  }

  private finish(key: string, entry: Pending): void {
    clearTimeout(entry.timer);
    this.pending.delete(key);
  }
}
