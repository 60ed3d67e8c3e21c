// Zones and masks: polygons in normalised frame coordinates, and where a detection "is" (its anchor point).
import type { PointXY, Zone } from './schema';

/** [x1, y1, x2, y2] in the frame's pixels. */
export type PixelBox = readonly [number, number, number, number];

/**
 * Even-odd ray casting. A point exactly on an edge may fall either way, which does not matter for boxes of
 * people and objects; a polygon's self-intersections follow the even-odd rule.
 */
export function pointInPolygon(point: PointXY, polygon: readonly PointXY[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The bottom centre (feet) and the centre of a pixel box, normalised to the frame. */
export function anchorsOf(box: PixelBox, width: number, height: number): { feet: PointXY; centre: PointXY } {
  const cx = (box[0] + box[2]) / 2 / width;
  return { feet: [cx, box[3] / height], centre: [cx, (box[1] + box[3]) / 2 / height] };
}

/** Whether a detection counts as inside the zone, by the zone's anchor. */
export function boxInZone(box: PixelBox, width: number, height: number, zone: Pick<Zone, 'polygon' | 'anchor'>): boolean {
  const { feet, centre } = anchorsOf(box, width, height);
  switch (zone.anchor) {
    case 'feet':
      return pointInPolygon(feet, zone.polygon);
    case 'centre':
      return pointInPolygon(centre, zone.polygon);
    default:
      return pointInPolygon(feet, zone.polygon) || pointInPolygon(centre, zone.polygon);
  }
}

/** A mask hides a detection whose centre lies in it. */
export function boxMasked(box: PixelBox, width: number, height: number, masks: readonly { polygon: readonly PointXY[] }[]): boolean {
  if (masks.length === 0) return false;
  const { centre } = anchorsOf(box, width, height);
  return masks.some((mask) => pointInPolygon(centre, mask.polygon));
}

/**
 * A bitmap (one byte a pixel, 1 = masked) of the masks at a small size, for the motion gate: pixel centres
 * inside any mask are masked.
 */
export function rasteriseMasks(masks: readonly { polygon: readonly PointXY[] }[], width: number, height: number): Uint8Array | undefined {
  if (masks.length === 0) return undefined;
  const bitmap = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const point: PointXY = [(x + 0.5) / width, (y + 0.5) / height];
      if (masks.some((mask) => pointInPolygon(point, mask.polygon))) bitmap[y * width + x] = 1;
    }
  }
  return bitmap;
}
