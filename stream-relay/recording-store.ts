// Recorded segments on disk: DATA_DIR/recordings/<camera uuid>/<YYYY-MM-DD, Shanghai>/<start, epoch seconds>.ts.
// Each segment is named by the second it began, so listing needs a directory read and a stat, never a probe.
// Paths are built only from a validated camera UUID, day names the relay computes, and numeric file names.
// What the recordings take, and the removal of old ones, is recording-account.ts.
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DAY_MS, shanghaiDay, shanghaiDaysBetween } from './shanghai-time';

export const CAMERA_DIRECTORY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DAY_DIRECTORY = /^\d{4}-\d{2}-\d{2}$/;
export const SEGMENT_FILE = /^(\d{1,12})\.ts$/;

export interface SegmentFile {
  file: string;
  startMs: number;
  endMs: number;
  bytes: number;
}

export class RecordingStore {
  constructor(readonly root: string) {}

  cameraDirectory(cameraId: string): string {
    if (!CAMERA_DIRECTORY.test(cameraId)) throw new Error(`not a camera id: ${cameraId}`);
    return path.join(this.root, cameraId.toLowerCase());
  }

  /** ffmpeg's `-strftime` pattern for the camera's segments; a '%' in DATA_DIR itself is escaped. */
  segmentPattern(cameraId: string): string {
    return path.join(this.cameraDirectory(cameraId).replaceAll('%', '%%'), '%Y-%m-%d', '%s.ts');
  }

  /** ffmpeg's segment muxer creates no directories: today's and tomorrow's are made ahead of time. */
  async prepareDays(cameraId: string, nowMs = Date.now()): Promise<void> {
    const directory = this.cameraDirectory(cameraId);
    for (const day of [shanghaiDay(nowMs), shanghaiDay(nowMs + DAY_MS)]) {
      await mkdir(path.join(directory, day), { recursive: true });
    }
  }

  /**
   * Segments overlapping [fromMs, toMs), oldest first. A segment ends where the next begins, or at its last
   * write (mtime) when that is earlier (a gap in recording) or when it is the newest.
   */
  async list(cameraId: string, fromMs: number, toMs: number): Promise<SegmentFile[]> {
    const directory = this.cameraDirectory(cameraId);
    const found: Omit<SegmentFile, 'endMs'>[] = [];
    const mtimes = new Map<string, number>();
    // A day earlier and later too: a segment may start before `from`, and the last one needs its successor.
    for (const day of shanghaiDaysBetween(fromMs - DAY_MS, toMs + DAY_MS)) {
      const dayDirectory = path.join(directory, day);
      for (const name of await readdirOrEmpty(dayDirectory)) {
        const match = SEGMENT_FILE.exec(name);
        if (!match?.[1]) continue;
        const file = path.join(dayDirectory, name);
        const info = await stat(file).catch(() => null);
        if (!info?.isFile()) continue;
        found.push({ file, startMs: Number(match[1]) * 1000, bytes: info.size });
        mtimes.set(file, info.mtimeMs);
      }
    }
    found.sort((a, b) => a.startMs - b.startMs);
    const segments = found.map((segment, index) => {
      const mtime = mtimes.get(segment.file) ?? segment.startMs;
      const next = found[index + 1];
      const endMs = Math.max(segment.startMs, next ? Math.min(next.startMs, mtime) : mtime);
      return { ...segment, endMs };
    });
    return segments.filter((segment) => segment.startMs < toMs && segment.endMs > fromMs && segment.bytes > 0);
  }
}

/** The names in a directory; none when it does not exist (yet, or any more). */
export async function readdirOrEmpty(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch {
    return [];
  }
}
