// Map labels that never cover each other. Each label is a box centred on its anchor (its county's visual
// centre, projected to the screen); where boxes collide, labels are moved, one at a time in the order given,
// to the nearest free spot within a bounded distance of their anchor and inside the map. A layout that has
// no collisions is returned as it came. Pure: screen pixels in, screen pixels out.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelBox {
  id: string;
  /** The point the label belongs to, in screen pixels. */
  anchor: { x: number; y: number };
  width: number;
  height: number;
}

export interface PlacedLabel {
  id: string;
  /** Where the label's centre goes, in screen pixels. */
  x: number;
  y: number;
  /** How far the centre is from the anchor: (dx, dy). */
  dx: number;
  dy: number;
  /** False only when no free spot was found within reach: the label then overlaps as little as it can. */
  clear: boolean;
}

export interface LayoutOptions {
  /** Labels stay inside this box (the map), when they fit in it. */
  bounds: Rect;
  /** Farthest a label's centre may move from its anchor. */
  maxDistance: number;
  /** Space kept between two labels. */
  gap?: number;
  /** Boxes labels must not cover (a legend over the map). */
  obstacles?: readonly Rect[];
  /** Distance between the candidate spots tried. */
  step?: number;
}

const DIRECTIONS = 24;

/** Whether two boxes share any area once `gap` is kept between them. */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/** Area two boxes share: what a label that cannot be placed clear tries to keep small. */
function sharedArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const boxAt = (label: LabelBox, x: number, y: number): Rect => ({
  x: x - label.width / 2,
  y: y - label.height / 2,
  width: label.width,
  height: label.height,
});

const within = (box: Rect, bounds: Rect) =>
  box.x >= bounds.x && box.y >= bounds.y && box.x + box.width <= bounds.x + bounds.width && box.y + box.height <= bounds.y + bounds.height;

/**
 * Offsets from the anchor to try, nearest first: rings `step` apart out to `maxDistance`; at equal distance a
 * move straight up or down comes first (a label above or below its point reads best).
 */
function candidateOffsets(maxDistance: number, step: number): Array<[number, number]> {
  const offsets: Array<{ dx: number; dy: number; order: number }> = [{ dx: 0, dy: 0, order: 0 }];
  for (let r = step; r <= maxDistance + 1e-9; r += step) {
    for (let k = 0; k < DIRECTIONS; k += 1) {
      const angle = (k / DIRECTIONS) * 2 * Math.PI;
      offsets.push({ dx: Math.sin(angle) * r, dy: -Math.cos(angle) * r, order: r + Math.abs(Math.sin(angle)) * 1e-3 });
    }
  }
  return offsets.sort((a, b) => a.order - b.order).map(({ dx, dy }) => [dx, dy]);
}

/** Positions for the labels, in the order given (earlier labels keep their spot first). */
export function layoutLabels(labels: readonly LabelBox[], options: LayoutOptions): PlacedLabel[] {
  const gap = options.gap ?? 0;
  const step = options.step ?? 4;
  const { bounds } = options;
  const atAnchor = labels.map((label) => boxAt(label, label.anchor.x, label.anchor.y));
  const obstacles = options.obstacles ?? [];
  const free = (box: Rect, placed: readonly Rect[]) =>
    !placed.some((other) => overlaps(box, other, gap)) && !obstacles.some((obstacle) => overlaps(box, obstacle, gap));
  const fits = (label: LabelBox) => label.width <= bounds.width && label.height <= bounds.height;

  // Nothing collides and everything is on the map: leave it exactly as it is.
  const untouched = atAnchor.every((box, i) => free(box, atAnchor.slice(0, i)) && (!fits(labels[i]!) || within(box, bounds)));
  if (untouched) return labels.map((label) => ({ id: label.id, x: label.anchor.x, y: label.anchor.y, dx: 0, dy: 0, clear: true }));

  const offsets = candidateOffsets(options.maxDistance, step);
  const placed: Rect[] = [];
  return labels.map((label) => {
    let chosen: { box: Rect; dx: number; dy: number; clear: boolean; covered: number } | null = null;
    for (const [dx, dy] of offsets) {
      const box = boxAt(label, label.anchor.x + dx, label.anchor.y + dy);
      if (fits(label) && !within(box, bounds)) continue;
      if (free(box, placed)) {
        chosen = { box, dx, dy, clear: true, covered: 0 };
        break;
      }
      // No clear spot yet: remember the one that covers the least, in case none is clear.
      const covered = [...placed, ...obstacles].reduce((sum, other) => sum + sharedArea(box, other), 0);
      if (!chosen || covered < chosen.covered) chosen = { box, dx, dy, clear: false, covered };
    }
    chosen ??= { box: boxAt(label, label.anchor.x, label.anchor.y), dx: 0, dy: 0, clear: false, covered: 0 };
    placed.push(chosen.box);
    const { dx, dy, clear } = chosen;
    return { id: label.id, x: label.anchor.x + dx, y: label.anchor.y + dy, dx, dy, clear };
  });
}
