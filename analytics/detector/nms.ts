// Greedy non-maximum suppression, per class: the highest-scoring box of a class suppresses that class's
// boxes overlapping it by more than the IoU threshold; other classes are left alone (a phone in a hand).
import type { Box, Candidate } from './types';

export function area(box: Box): number {
  return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
}

export function iou(a: Box, b: Box): number {
  const width = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const height = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  return intersection / (area(a) + area(b) - intersection);
}

export function nonMaxSuppression<T extends { readonly score: number; readonly box: Box }>(items: readonly T[], iouThreshold: number): T[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const item of sorted) {
    if (kept.every((other) => iou(other.box, item.box) <= iouThreshold)) kept.push(item);
  }
  return kept;
}

// Keeps at most `maxDetections` boxes over all classes, best first.
export function perClassNms(candidates: readonly Candidate[], iouThreshold: number, maxDetections: number): Candidate[] {
  const byClass = new Map<number, Candidate[]>();
  for (const candidate of candidates) {
    const group = byClass.get(candidate.classIndex);
    if (group) group.push(candidate);
    else byClass.set(candidate.classIndex, [candidate]);
  }
  const kept = [...byClass.values()].flatMap((group) => nonMaxSuppression(group, iouThreshold));
  return kept.sort((a, b) => b.score - a.score || a.classIndex - b.classIndex).slice(0, maxDetections);
}
