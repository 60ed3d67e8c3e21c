// What the recordings take on disk, kept as a running account per camera and day, and the removal of the
// oldest: past the retention, and over the storage budget (oldest first across all cameras, by start time).
//
// One walk at start; after that a refresh reads only the directory of each camera's current day (where ffmpeg
// writes) and stats the files that are new or may still grow, so it costs a directory read per camera, not a
// stat per file. Days before the current one are known by their totals alone, and are read again only when
// their segments are removed. The account covers the whole recordings directory, not only this relay's
// cameras: relays that share a DATA_DIR all see the same tree, keep it within one budget and agree on which
// segment is the oldest (removing one that another relay removed first is a no-op).
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { CAMERA_DIRECTORY, DAY_DIRECTORY, readdirOrEmpty, SEGMENT_FILE } from './recording-store';
import { DAY_MS, shanghaiDay } from './shanghai-time';

/** ffmpeg writes the open segment at least this often; a camera's newest segment written more recently is left alone. */
const OPEN_SEGMENT_MS = 60_000;

interface SegmentOnDisk {
  name: string;
  startMs: number;
  bytes: number;
  mtimeMs: number;
}

interface DayAccount {
  bytes: number;
  segments: number;
  /** Start of the day's oldest segment; Infinity when it holds none. */
  oldestStartMs: number;
  /** Start of the day's newest segment; -Infinity when it holds none. */
  newestStartMs: number;
  /** Each segment's size by name, while the day may still be written to (today, and a past day until it settles). */
  files: Map<string, number> | null;
}

export interface RemovalResult {
  removedSegments: number;
  removedDays: number;
  removedBytes: number;
}

const emptyResult = (): RemovalResult => ({ removedSegments: 0, removedDays: 0, removedBytes: 0 });

function accountOf(segments: readonly SegmentOnDisk[], keepFiles: boolean): DayAccount {
  const account: DayAccount = {
    bytes: 0,
    segments: 0,
    oldestStartMs: Infinity,
    newestStartMs: -Infinity,
    files: keepFiles ? new Map() : null,
  };
  for (const segment of segments) {
    account.bytes += segment.bytes;
    account.segments += 1;
    account.oldestStartMs = Math.min(account.oldestStartMs, segment.startMs);
    account.newestStartMs = Math.max(account.newestStartMs, segment.startMs);
    account.files?.set(segment.name, segment.bytes);
  }
  return account;
}

const startOf = (name: string) => Number(SEGMENT_FILE.exec(name)?.[1] ?? 0) * 1000;

/** The newest two segments of a day, which may still grow: the open one, and the one closed since the last read. */
function newestTwo(names: Iterable<string>): Set<string> {
  let first: string | null = null;
  let second: string | null = null;
  for (const name of names) {
    if (first === null || startOf(name) > startOf(first)) [first, second] = [name, first];
    else if (second === null || startOf(name) > startOf(second)) second = name;
  }
  return new Set([first, second].filter((name): name is string => name !== null));
}

export class RecordingAccount {
  /** camera → day → account. */
  private readonly cameras = new Map<string, Map<string, DayAccount>>();
  private total = 0;
  private scannedOnce = false;

  constructor(readonly root: string) {}

  get usedBytes(): number {
    return this.total;
  }

  get scanned(): boolean {
    return this.scannedOnce;
  }

  /** Start of the oldest segment kept, over all cameras; null when there is none. */
  oldestStartMs(): number | null {
    let oldest = Infinity;
    for (const days of this.cameras.values()) for (const day of days.values()) oldest = Math.min(oldest, day.oldestStartMs);
    return Number.isFinite(oldest) ? oldest : null;
  }

  /** Walks the whole recordings directory once (at start). */
  async scan(nowMs = Date.now()): Promise<void> {
    this.cameras.clear();
    this.total = 0;
    const today = shanghaiDay(nowMs);
    for (const camera of await readdirOrEmpty(this.root)) {
      if (!CAMERA_DIRECTORY.test(camera)) continue;
      const days = new Map<string, DayAccount>();
      for (const day of await readdirOrEmpty(path.join(this.root, camera))) {
        if (!DAY_DIRECTORY.test(day)) continue;
        const account = accountOf(await this.readDay(camera, day), day >= today);
        days.set(day, account);
        this.total += account.bytes;
      }
      this.cameras.set(camera, days);
    }
    this.scannedOnce = true;
  }

  /**
   * Brings the account up to date: new camera directories, the current day of each camera (new segments,
   * the growth of the newest), and a past day still held open until a read finds it unchanged.
   */
  async refresh(nowMs = Date.now()): Promise<void> {
    const today = shanghaiDay(nowMs);
    const present = new Set((await readdirOrEmpty(this.root)).filter((name) => CAMERA_DIRECTORY.test(name)));
    for (const [camera, days] of this.cameras) {
      if (present.has(camera)) continue;
      for (const day of days.values()) this.total -= day.bytes;
      this.cameras.delete(camera);
    }
    for (const camera of present) {
      let days = this.cameras.get(camera);
      if (!days) this.cameras.set(camera, (days = new Map<string, DayAccount>()));
      for (const [day, account] of [...days]) {
        if (!account.files || day === today) continue;
        const changed = await this.refreshDay(camera, day, days);
        const settled = days.get(day);
        if (!changed && settled) settled.files = null;
      }
      await this.refreshDay(camera, today, days);
    }
  }

  /**
   * Deletes segments whose last write is older than the retention, and day directories wholly before it.
   * Only the day the cutoff falls in is read file by file.
   */
  async sweep(retentionDays: number, nowMs = Date.now()): Promise<RemovalResult> {
    const cutoffMs = nowMs - retentionDays * DAY_MS;
    const cutoffDay = shanghaiDay(cutoffMs);
    const result = emptyResult();
    for (const [camera, days] of [...this.cameras]) {
      for (const [day, account] of [...days]) {
        if (day < cutoffDay) {
          await rm(path.join(this.root, camera, day), { recursive: true, force: true });
          result.removedSegments += account.segments;
          result.removedBytes += account.bytes;
          await this.settleDay(camera, days, day, [], nowMs, result);
        } else if (day === cutoffDay && account.oldestStartMs < cutoffMs) {
          const kept: SegmentOnDisk[] = [];
          for (const segment of await this.readDay(camera, day)) {
            if (segment.mtimeMs < cutoffMs) await this.removeSegment(camera, days, day, segment, result);
            else kept.push(segment);
          }
          await this.settleDay(camera, days, day, kept, nowMs, result);
        }
      }
    }
    return result;
  }

  /**
   * Deletes the oldest segments, across all cameras by start time, until the recordings take at most
   * `budgetBytes`. Days are read only as their turn comes. A segment ffmpeg may still be writing (a camera's
   * newest, written in the last minute) is left alone: deleting it would free nothing until ffmpeg closes it.
   */
  async evictOver(budgetBytes: number, nowMs = Date.now()): Promise<RemovalResult> {
    const result = emptyResult();
    if (this.total <= budgetBytes) return result;
    const queue = new MinHeap<DayCursor>((a, b) => a.headMs - b.headMs);
    for (const [camera, days] of this.cameras) {
      const newestMs = Math.max(...[...days.values()].map((account) => account.newestStartMs));
      for (const [day, account] of days) {
        if (account.segments > 0)
          queue.push({ camera, day, days, newestMs, headMs: account.oldestStartMs, segments: null, next: 0, kept: [] });
      }
    }
    const opened: DayCursor[] = [];
    while (this.total > budgetBytes && queue.size > 0) {
      const cursor = queue.pop()!;
      if (!cursor.segments) {
        // Its turn: read it as it really is, and queue it again by its true oldest segment.
        cursor.segments = (await this.readDay(cursor.camera, cursor.day)).sort((a, b) => a.startMs - b.startMs);
        this.replaceDay(cursor.days, cursor.day, accountOf(cursor.segments, cursor.days.get(cursor.day)?.files != null));
        opened.push(cursor);
      } else {
        const segment = cursor.segments[cursor.next]!;
        cursor.next += 1;
        if (segment.startMs === cursor.newestMs && nowMs - segment.mtimeMs < OPEN_SEGMENT_MS) cursor.kept.push(segment);
        else await this.removeSegment(cursor.camera, cursor.days, cursor.day, segment, result);
      }
      const head = cursor.segments[cursor.next];
      if (head) {
        cursor.headMs = head.startMs;
        queue.push(cursor);
      }
    }
    for (const cursor of opened) {
      const remaining = [...cursor.kept, ...(cursor.segments ?? []).slice(cursor.next)];
      await this.settleDay(cursor.camera, cursor.days, cursor.day, remaining, nowMs, result);
    }
    return result;
  }

  private async removeSegment(
    camera: string,
    days: Map<string, DayAccount>,
    day: string,
    segment: SegmentOnDisk,
    result: RemovalResult,
  ): Promise<void> {
    await rm(path.join(this.root, camera, day, segment.name), { force: true });
    result.removedSegments += 1;
    result.removedBytes += segment.bytes;
    // The day's total goes down with the running total, so the day's final account settles the difference.
    const account = days.get(day);
    if (account) account.bytes -= segment.bytes;
    this.total -= segment.bytes;
  }

  /** The day's account from the segments left in it; its directory goes once it holds none and lies before today. */
  private async settleDay(
    camera: string,
    days: Map<string, DayAccount>,
    day: string,
    remaining: SegmentOnDisk[],
    nowMs: number,
    result: RemovalResult,
  ): Promise<void> {
    if (!days.has(day)) return;
    this.replaceDay(days, day, accountOf(remaining, days.get(day)?.files != null));
    if (remaining.length > 0 || day >= shanghaiDay(nowMs)) return;
    await rm(path.join(this.root, camera, day), { recursive: true, force: true });
    this.total -= days.get(day)?.bytes ?? 0;
    days.delete(day);
    result.removedDays += 1;
    if (days.size === 0) this.cameras.delete(camera);
  }

  /** Reads a day held open: stats what is new and what may have grown. Returns whether anything changed. */
  private async refreshDay(camera: string, day: string, days: Map<string, DayAccount>): Promise<boolean> {
    const directory = path.join(this.root, camera, day);
    const names = (await readdirOrEmpty(directory)).filter((name) => SEGMENT_FILE.test(name));
    const previous = days.get(day);
    const known = previous?.files ?? new Map<string, number>();
    const growing = newestTwo(known.keys());
    const segments: SegmentOnDisk[] = [];
    let changed = !previous || names.length !== known.size;
    for (const name of names) {
      const size = known.get(name);
      if (size !== undefined && !growing.has(name)) {
        segments.push({ name, startMs: startOf(name), bytes: size, mtimeMs: 0 });
        continue;
      }
      const info = await stat(path.join(directory, name)).catch(() => null);
      if (!info?.isFile()) continue;
      if (info.size !== size) changed = true;
      segments.push({ name, startMs: startOf(name), bytes: info.size, mtimeMs: info.mtimeMs });
    }
    if (names.length === 0 && !previous) return false;
    this.replaceDay(days, day, accountOf(segments, true));
    return changed;
  }

  private replaceDay(days: Map<string, DayAccount>, day: string, account: DayAccount): void {
    this.total += account.bytes - (days.get(day)?.bytes ?? 0);
    days.set(day, account);
  }

  private async readDay(camera: string, day: string): Promise<SegmentOnDisk[]> {
    const directory = path.join(this.root, camera, day);
    const segments: SegmentOnDisk[] = [];
    for (const name of await readdirOrEmpty(directory)) {
      if (!SEGMENT_FILE.test(name)) continue;
      const info = await stat(path.join(directory, name)).catch(() => null);
      if (info?.isFile()) segments.push({ name, startMs: startOf(name), bytes: info.size, mtimeMs: info.mtimeMs });
    }
    return segments;
  }
}

interface DayCursor {
  camera: string;
  day: string;
  days: Map<string, DayAccount>;
  /** Start of the camera's newest segment, which may be open. */
  newestMs: number;
  /** Start of the next segment to remove; the day's oldest by the account until the day is read. */
  headMs: number;
  segments: SegmentOnDisk[] | null;
  next: number;
  kept: SegmentOnDisk[];
}

/** A binary heap: the queue of days by their oldest segment. */
class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    for (let at = items.length - 1; at > 0;) {
      const parent = (at - 1) >> 1;
      if (this.before(items[at]!, items[parent]!) >= 0) break;
      [items[at], items[parent]] = [items[parent]!, items[at]!];
      at = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      for (let at = 0; ;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let smallest = at;
        if (left < items.length && this.before(items[left]!, items[smallest]!) < 0) smallest = left;
        if (right < items.length && this.before(items[right]!, items[smallest]!) < 0) smallest = right;
        if (smallest === at) break;
        [items[at], items[smallest]] = [items[smallest]!, items[at]!];
        at = smallest;
      }
    }
    return top;
  }
}
