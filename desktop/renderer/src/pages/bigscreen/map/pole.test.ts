import { describe, expect, it } from 'vitest';
import { labelAnchor, poleOfInaccessibility } from './pole';

describe('poleOfInaccessibility', () => {
  it('finds the centre of a square', () => {
    const [x, y] = poleOfInaccessibility(
      [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
      ],
      0.01,
    );
    expect(x).toBeCloseTo(5, 1);
    expect(y).toBeCloseTo(5, 1);
  });

  it('puts an L-shaped county’s label inside its wide arm, where a box centre would sit on the corner', () => {
    // An L: a 10×2 bar along the bottom and a 2×10 bar up the left. The box centre (5, 5) is outside it.
    const l = [
      [
        [0, 0],
        [10, 0],
        [10, 2],
        [2, 2],
        [2, 10],
        [0, 10],
        [0, 0],
      ],
    ];
    const [x, y] = poleOfInaccessibility(l, 0.001);
    // Inside the L, where its arms meet: farther than a bar's half-width (1) from every edge.
    expect(Math.max(x, y)).toBeLessThan(2);
    expect(Math.min(x, y)).toBeGreaterThan(1);
  });

  it('keeps clear of a hole', () => {
    const ring = [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      [
        [3, 3],
        [7, 3],
        [7, 7],
        [3, 7],
        [3, 3],
      ],
    ];
    const [x, y] = poleOfInaccessibility(ring, 0.01);
    expect(x > 3 && x < 7 && y > 3 && y < 7).toBe(false);
  });
});

describe('labelAnchor', () => {
  it('labels the largest part of a MultiPolygon, inside it', () => {
    const anchor = labelAnchor({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [117, 41],
            [117.1, 41],
            [117.1, 41.1],
            [117, 41.1],
            [117, 41],
          ],
        ],
        [
          [
            [118, 40],
            [119, 40],
            [119, 41],
            [118, 41],
            [118, 40],
          ],
        ],
      ],
    })!;
    expect(anchor.lng).toBeCloseTo(118.5, 2);
    // The middle on the screen (Web Mercator), a little north of the middle latitude.
    expect(anchor.lat).toBeGreaterThan(40.5);
    expect(anchor.lat).toBeLessThan(40.51);
  });

  it('has nothing to say about a point', () => {
    expect(labelAnchor({ type: 'Point', coordinates: [117, 41] })).toBeNull();
  });
});
