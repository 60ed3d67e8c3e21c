import { describe, expect, it } from 'vitest';
import { layoutLabels, overlaps, type LabelBox, type PlacedLabel, type Rect } from './label-layout';

const MAP: Rect = { x: 0, y: 0, width: 1000, height: 800 };
const label = (id: string, x: number, y: number, width = 90, height = 44): LabelBox => ({ id, anchor: { x, y }, width, height });
const boxOf = (placed: PlacedLabel, of: LabelBox): Rect => ({
  x: placed.x - of.width / 2,
  y: placed.y - of.height / 2,
  width: of.width,
  height: of.height,
});

function expectDisjointAndNear(labels: LabelBox[], placed: PlacedLabel[], maxDistance: number, gap = 0) {
  expect(placed.map((p) => p.id)).toEqual(labels.map((l) => l.id));
  const boxes = placed.map((p, i) => boxOf(p, labels[i]!));
  for (const [i, a] of boxes.entries()) {
    for (const [j, b] of boxes.entries()) if (i < j) expect(overlaps(a, b, gap), `${labels[i]!.id} and ${labels[j]!.id}`).toBe(false);
    expect(Math.hypot(placed[i]!.x - labels[i]!.anchor.x, placed[i]!.y - labels[i]!.anchor.y)).toBeLessThanOrEqual(maxDistance + 1e-6);
    expect(a.x).toBeGreaterThanOrEqual(MAP.x);
    expect(a.y).toBeGreaterThanOrEqual(MAP.y);
    expect(a.x + a.width).toBeLessThanOrEqual(MAP.x + MAP.width);
    expect(a.y + a.height).toBeLessThanOrEqual(MAP.y + MAP.height);
    expect(placed[i]!.clear).toBe(true);
  }
}

describe('layoutLabels', () => {
  it('leaves labels that do not collide exactly where they are', () => {
    const labels = [label('a', 100, 100), label('b', 300, 100), label('c', 100, 300), label('d', 500, 500)];
    const placed = layoutLabels(labels, { bounds: MAP, maxDistance: 120, gap: 4 });
    expect(placed).toEqual(labels.map((l) => ({ id: l.id, x: l.anchor.x, y: l.anchor.y, dx: 0, dy: 0, clear: true })));
  });

  it('moves overlapping labels apart, each within reach of its anchor', () => {
    // Four small districts around a city centre, their labels on top of each other, and one far away.
    const labels = [
      label('双桥区', 500, 400),
      label('双滦区', 470, 410),
      label('承德县', 540, 395),
      label('鹰手营子矿区', 490, 440, 130),
      label('far', 100, 100),
    ];
    const placed = layoutLabels(labels, { bounds: MAP, maxDistance: 120, gap: 4 });
    expectDisjointAndNear(labels, placed, 120, 4);
    // The first keeps its spot, and so does the one nothing covered.
    expect(placed[0]).toMatchObject({ dx: 0, dy: 0 });
    expect(placed[4]).toMatchObject({ dx: 0, dy: 0 });
    // The others moved no farther than they had to: less than a label's width.
    for (const p of placed.slice(1, 4)) expect(Math.hypot(p.dx, p.dy)).toBeLessThan(130);
  });

  it('moves labels onto the map and off the obstacles', () => {
    const labels = [label('edge', 20, 20), label('under-legend', 100, 760)];
    const legend: Rect = { x: 0, y: 700, width: 200, height: 100 };
    const placed = layoutLabels(labels, { bounds: MAP, maxDistance: 150, obstacles: [legend] });
    expectDisjointAndNear(labels, placed, 150);
    expect(overlaps(boxOf(placed[1]!, labels[1]!), legend)).toBe(false);
  });

  it('says which labels it could not clear, and keeps them as close as it found', () => {
    // Three labels on one point with no room to move: the first stays, the others cannot be cleared.
    const labels = [label('a', 500, 400), label('b', 500, 400), label('c', 500, 400)];
    const placed = layoutLabels(labels, { bounds: MAP, maxDistance: 8 });
    expect(placed[0]).toMatchObject({ dx: 0, dy: 0, clear: true });
    expect(placed.slice(1).map((p) => p.clear)).toEqual([false, false]);
    for (const p of placed) expect(Math.hypot(p.dx, p.dy)).toBeLessThanOrEqual(8 + 1e-6);
  });

  it('clears a crowd of many labels on a small patch', () => {
    const labels = Array.from({ length: 11 }, (_, i) => label(`c${i}`, 480 + (i % 4) * 20, 380 + Math.floor(i / 4) * 15));
    const placed = layoutLabels(labels, { bounds: MAP, maxDistance: 200, gap: 4 });
    expectDisjointAndNear(labels, placed, 200, 4);
  });
});
