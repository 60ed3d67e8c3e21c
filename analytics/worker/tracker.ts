// An IoU tracker per camera: each detection is matched to the track of the same label whose last box it
// overlaps most (greedily, best overlap first, at least `iouThreshold`); what matches nothing starts a new
// track. A track survives `maxMisses` detector runs without a match (a person behind a pot for a frame), and
// `maxAgeMs` without being seen at all. Misses count detector runs, not time: when the motion gate lets no
// frame through, nothing moved, so an unseen track is presumed to be where it was.
import { iou } from '../detector/nms';
import type { Box, Detection } from '../detector/types';
import type { TrackedObject } from '../rules/engine';

export interface TrackerOptions {
  readonly iouThreshold?: number;
  readonly maxMisses?: number;
  readonly maxAgeMs?: number;
}

export interface Track extends TrackedObject {
  readonly box: Box;
}

interface MutableTrack {
  id: number;
  label: string;
  score: number;
  box: Box;
  firstSeenAt: number;
  lastSeenAt: number;
  hits: number;
  misses: number;
}

export class IouTracker {
  private tracks: MutableTrack[] = [];
  private nextId = 1;
  private readonly iouThreshold: number;
  private readonly maxMisses: number;
  private readonly maxAgeMs: number;

  constructor(options: TrackerOptions = {}) {
    this.iouThreshold = options.iouThreshold ?? 0.3;
    this.maxMisses = options.maxMisses ?? 3;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  }

  /** Live tracks after the last update, oldest first. */
  get current(): Track[] {
    return this.tracks.map((track) => ({ ...track, box: [...track.box] as Box }));
  }

  get size(): number {
    return this.tracks.length;
  }

  /** Tracks created so far. */
  get created(): number {
    return this.nextId - 1;
  }

  /** Matches one detector run's detections (taken at `at`, ms) and returns the live tracks. */
  update(detections: readonly Detection[], at: number): Track[] {
    const pairs: Array<{ track: number; detection: number; overlap: number }> = [];
    this.tracks.forEach((track, t) => {
      detections.forEach((detection, d) => {
        if (detection.label !== track.label) return;
        const overlap = iou(track.box, detection.box);
        if (overlap >= this.iouThreshold) pairs.push({ track: t, detection: d, overlap });
      });
    });
    pairs.sort((a, b) => b.overlap - a.overlap || a.track - b.track || a.detection - b.detection);
    const matchedTracks = new Set<number>();
    const matchedDetections = new Set<number>();
    for (const pair of pairs) {
      if (matchedTracks.has(pair.track) || matchedDetections.has(pair.detection)) continue;
      matchedTracks.add(pair.track);
      matchedDetections.add(pair.detection);
      const track = this.tracks[pair.track]!;
      const detection = detections[pair.detection]!;
      track.box = [...detection.box] as Box;
      track.score = detection.score;
      track.lastSeenAt = at;
      track.hits += 1;
      track.misses = 0;
    }
    this.tracks.forEach((track, t) => {
      if (!matchedTracks.has(t)) track.misses += 1;
    });
    this.tracks = this.tracks.filter((track) => track.misses <= this.maxMisses && at - track.lastSeenAt <= this.maxAgeMs);
    detections.forEach((detection, d) => {
      if (matchedDetections.has(d)) return;
      this.tracks.push({
        id: this.nextId++,
        label: detection.label,
        score: detection.score,
        box: [...detection.box] as Box,
        firstSeenAt: at,
        lastSeenAt: at,
        hits: 1,
        misses: 0,
      });
    });
    return this.current;
  }

  /** Drops tracks not seen for maxAgeMs (a camera that stopped sending frames). */
  expire(at: number): void {
    this.tracks = this.tracks.filter((track) => at - track.lastSeenAt <= this.maxAgeMs);
  }

  clear(): void {
    this.tracks = [];
  }
}
