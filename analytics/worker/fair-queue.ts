// Frames from many cameras waiting for the one detector session: served round-robin by camera, so a busy
// kitchen cannot starve a quiet storeroom, and bounded, so a detector that falls behind drops frames instead
// of growing a backlog. Each camera keeps at most `perKey` frames (a new one pushes out that camera's oldest);
// the whole queue holds at most `total` (a new frame pushes out the oldest of the same camera, else the oldest
// of the camera with the longest queue). Every drop is counted.

export interface FairQueueOptions {
  /** Frames kept per camera. */
  readonly perKey: number;
  /** Frames kept in all. */
  readonly total: number;
}

export interface Dropped<T> {
  readonly key: string;
  readonly item: T;
}

export class FairQueue<T> {
  private readonly queues = new Map<string, T[]>();
  /** Keys with frames waiting, in the order they will be served. */
  private ring: string[] = [];
  private count = 0;
  private dropCount = 0;
  private readonly dropsByKey = new Map<string, number>();

  constructor(private readonly options: FairQueueOptions) {
    if (options.perKey < 1 || options.total < 1) throw new Error('a fair queue holds at least one frame per camera and in all');
  }

  get size(): number {
    return this.count;
  }

  get drops(): number {
    return this.dropCount;
  }

  dropsOf(key: string): number {
    return this.dropsByKey.get(key) ?? 0;
  }

  sizeOf(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  /** Adds a frame; returns what was dropped to make room (nothing, usually). A camera keeps its turn. */
  push(key: string, item: T): Dropped<T>[] {
    const dropped: Dropped<T>[] = [];
    let queue = this.queues.get(key);
    if (!queue) {
      queue = [];
      this.queues.set(key, queue);
      this.ring.push(key);
    }
    while (queue.length >= this.options.perKey) dropped.push(this.dropOldest(key, false));
    while (this.count >= this.options.total) {
      dropped.push(queue.length > 0 ? this.dropOldest(key, false) : this.dropOldest(this.longest(key), true));
    }
    queue.push(item);
    this.count += 1;
    return dropped;
  }

  /** The next frame: the oldest of the camera whose turn it is. */
  shift(): { key: string; item: T } | undefined {
    const key = this.ring.shift();
    if (key === undefined) return undefined;
    const queue = this.queues.get(key)!;
    const item = queue.shift()!;
    this.count -= 1;
    if (queue.length > 0) this.ring.push(key);
    else this.queues.delete(key);
    return { key, item };
  }

  /** Forgets a camera's frames (it left the worker's assignment); these are not counted as drops. */
  remove(key: string): T[] {
    const queue = this.queues.get(key);
    if (!queue) return [];
    this.queues.delete(key);
    this.ring = this.ring.filter((candidate) => candidate !== key);
    this.count -= queue.length;
    return queue;
  }

  /** The camera with the most frames waiting, other than `except`. */
  private longest(except: string): string {
    let best: string | undefined;
    for (const [key, queue] of this.queues) {
      if (key !== except && queue.length > 0 && (!best || queue.length > this.queues.get(best)!.length)) best = key;
    }
    return best!;
  }

  private dropOldest(key: string, forgetWhenEmpty: boolean): Dropped<T> {
    const queue = this.queues.get(key)!;
    const item = queue.shift()!;
    this.count -= 1;
    this.dropCount += 1;
    this.dropsByKey.set(key, (this.dropsByKey.get(key) ?? 0) + 1);
    if (forgetWhenEmpty && queue.length === 0) {
      this.queues.delete(key);
      this.ring = this.ring.filter((candidate) => candidate !== key);
    }
    return { key, item };
  }
}
