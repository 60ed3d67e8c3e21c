import { describe, expect, it } from 'vitest';
import type { PointXY } from './schema';
import { anchorsOf, boxInZone, boxMasked, pointInPolygon, rasteriseMasks } from './zones';

const square: PointXY[] = [
  [0.2, 0.2],
  [0.6, 0.2],
  [0.6, 0.6],
  [0.2, 0.6],
];
// An L shape: the square [0,1]² without its top-right quarter.
const ell: PointXY[] = [
  [0, 0],
  [0.5, 0],
  [0.5, 0.5],
  [1, 0.5],
  [1, 1],
  [0, 1],
];

describe('point in polygon', () => {
  it('tells inside from outside for a convex and a concave polygon', () => {
    expect(pointInPolygon([0.4, 0.4], square)).toBe(true);
    expect(pointInPolygon([0.1, 0.4], square)).toBe(false);
    expect(pointInPolygon([0.4, 0.7], square)).toBe(false);
    expect(pointInPolygon([0.25, 0.25], ell)).toBe(true);
    expect(pointInPolygon([0.75, 0.75], ell)).toBe(true);
    expect(pointInPolygon([0.75, 0.25], ell)).toBe(false); // the missing quarter
    expect(pointInPolygon([1.5, 0.75], ell)).toBe(false);
  });

  it('takes a triangle in either winding', () => {
    const triangle: PointXY[] = [
      [0, 0],
      [1, 0],
      [0, 1],
    ];
    expect(pointInPolygon([0.2, 0.2], triangle)).toBe(true);
    expect(pointInPolygon([0.2, 0.2], [...triangle].reverse())).toBe(true);
    expect(pointInPolygon([0.6, 0.6], triangle)).toBe(false);
  });
});

describe('anchors and zones', () => {
  // A 100 × 100 frame; a person box from (30, 10) to (50, 70): feet at (0.4, 0.7), centre at (0.4, 0.4).
  const person = [30, 10, 50, 70] as const;

  it('puts the feet at the bottom centre and the centre in the middle, normalised', () => {
    expect(anchorsOf(person, 100, 100)).toEqual({ feet: [0.4, 0.7], centre: [0.4, 0.4] });
  });

  it('counts a box by its feet, its centre or either, as the zone says', () => {
    expect(boxInZone(person, 100, 100, { polygon: square, anchor: 'centre' })).toBe(true);
    expect(boxInZone(person, 100, 100, { polygon: square, anchor: 'feet' })).toBe(false);
    expect(boxInZone(person, 100, 100, { polygon: square, anchor: 'either' })).toBe(true);
    const floor: PointXY[] = [
      [0, 0.65],
      [1, 0.65],
      [1, 1],
      [0, 1],
    ];
    expect(boxInZone(person, 100, 100, { polygon: floor, anchor: 'feet' })).toBe(true);
    expect(boxInZone(person, 100, 100, { polygon: floor, anchor: 'centre' })).toBe(false);
  });

  it('hides a box whose centre is under a mask, and rasterises masks for the motion gate', () => {
    expect(boxMasked(person, 100, 100, [{ polygon: square }])).toBe(true);
    expect(boxMasked([70, 70, 90, 90], 100, 100, [{ polygon: square }])).toBe(false);
    expect(boxMasked(person, 100, 100, [])).toBe(false);
    const bitmap = rasteriseMasks([{ polygon: square }], 10, 10)!;
    expect(bitmap.reduce((sum, value) => sum + value, 0)).toBe(16); // pixel centres 0.25…0.55 in each direction
    expect(bitmap[3 * 10 + 3]).toBe(1);
    expect(bitmap[0]).toBe(0);
    expect(rasteriseMasks([], 10, 10)).toBeUndefined();
  });
});
