// Catalog and RecordInfo answers arrive split over several MESSAGEs (each with part of the list and the
// total in <SumNum>); they are gathered here by device id and SN until every item came or time ran out.
// A query is registered with expect() before it is sent, so an answer as fast as the request is not missed.

export interface Gathered<T> {
  items: T[];
  /** False when the time ran out before SumNum items arrived (the items are those that did). */
  complete: boolean;
}

interface Waiting<T> {
  items: T[];
  sumNum: number | null;
  resolve: (result: Gathered<T>) => void;
  timer: NodeJS.Timeout;
}

export class ResponseGatherer<T> {
  private readonly waiting = new Map<string, Waiting<T>>();

  constructor(private readonly options: { timeoutMs: number }) {}

  /** Waits for the answer to the query with this SN sent to this device. */
  expect(deviceId: string, sn: number, options: { timeoutMs?: number } = {}): Promise<Gathered<T>> {
    const key = `${deviceId}|${sn}`;
    if (this.waiting.has(key)) throw new Error(`already waiting for ${deviceId} SN ${sn}`);
    return new Promise((resolve) => {
      const entry: Waiting<T> = {
        items: [],
        sumNum: null,
        resolve,
        timer: setTimeout(() => this.settle(key, false), options.timeoutMs ?? this.options.timeoutMs),
      };
      this.waiting.set(key, entry);
    });
  }

  /** Adds one part of an answer; false when nobody waits for it (late, or never asked). */
  offer(deviceId: string, sn: number, sumNum: number, items: T[]): boolean {
    const key = `${deviceId}|${sn}`;
    const entry = this.waiting.get(key);
    if (!entry) return false;
    entry.sumNum ??= sumNum;
    // Items beyond the announced total are a device's mistake; they must not grow the list without bound.
    entry.items.push(...items.slice(0, Math.max(0, entry.sumNum - entry.items.length)));
    if (entry.items.length >= entry.sumNum) this.settle(key, true);
    return true;
  }

  /** Gives up on every pending query (shutting down); each resolves with what it has. */
  cancelAll(): void {
    for (const key of [...this.waiting.keys()]) this.settle(key, false);
  }

  get pending(): number {
    return this.waiting.size;
  }

  private settle(key: string, complete: boolean): void {
    const entry = this.waiting.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.waiting.delete(key);
    entry.resolve({ items: entry.items, complete });
  }
}
