import { describe, expect, it } from 'vitest';
import { iou, nonMaxSuppression, perClassNms } from './nms';
import type { Candidate } from './types';

describe('iou', () => {
  it('is 1 for the same box, 0 for disjoint or touching boxes, and the overlap ratio otherwise', () => {
    expect(iou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(iou([0, 0, 10, 10], [10, 0, 20, 10])).toBe(0);
    expect(iou([0, 0, 10, 10], [20, 20, 30, 30])).toBe(0);
    // 5x10 overlap of two 10x10 boxes: 50 / 150.
    expect(iou([0, 0, 10, 10], [5, 0, 15, 10])).toBeCloseTo(1 / 3, 10);
    expect(iou([0, 0, 10, 10], [2, 2, 4, 4])).toBeCloseTo(4 / 100, 10);
  });

  it('treats degenerate boxes as empty', () => {
    expect(iou([5, 5, 5, 5], [0, 0, 10, 10])).toBe(0);
  });
});

describe('nonMaxSuppression', () => {
  it('keeps the best of overlapping boxes and every box that overlaps none kept', () => {
    const boxes = [
      { score: 0.6, box: [1, 1, 11, 11] as const },
      { score: 0.9, box: [0, 0, 10, 10] as const },
      { score: 0.8, box: [20, 20, 30, 30] as const },
      { score: 0.7, box: [6, 0, 16, 10] as const },
    ].map((item) => ({ ...item, box: [...item.box] as [number, number, number, number] }));
    // [1,1,11,11] overlaps the best by IoU 0.68 and goes; [6,0,16,10] overlaps it by 0.25 and stays.
    expect(nonMaxSuppression(boxes, 0.45).map((item) => item.score)).toEqual([0.9, 0.8, 0.7]);
    expect(nonMaxSuppression(boxes, 0.2).map((item) => item.score)).toEqual([0.9, 0.8]);
  });
});

describe('perClassNms', () => {
  const candidate = (classIndex: number, score: number, box: [number, number, number, number]): Candidate => ({ classIndex, score, box });

  it('suppresses within a class only, sorts best first and caps the count', () => {
    const candidates = [
      candidate(0, 0.9, [0, 0, 10, 10]),
      candidate(0, 0.5, [0, 0, 10, 9]),
      candidate(67, 0.6, [0, 0, 10, 10]),
      candidate(16, 0.7, [50, 50, 60, 60]),
    ];
    expect(perClassNms(candidates, 0.45, 10).map((kept) => [kept.classIndex, kept.score])).toEqual([
      [0, 0.9],
      [16, 0.7],
      [67, 0.6],
    ]);
    expect(perClassNms(candidates, 0.45, 2)).toHaveLength(2);
  });
});
