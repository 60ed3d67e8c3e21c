// Where a county's label goes: its pole of inaccessibility, the point inside the polygon farthest from its
// edge (the visual centre), found the way mapbox's polylabel does: a grid of cells refined best-first, each cell
// kept only while it could still hold a point farther from the edge than the best found. A bounding-box centre
// or a centroid can fall near a border or outside a crooked county, where its label crowds the neighbours'.
// Worked out in Web Mercator, as the map draws it, so "farthest" is farthest on the screen.

type Position = readonly number[];
type Ring = readonly Position[];
type Polygon = readonly Ring[];

export interface PolygonalGeometry {
  type: string;
  coordinates: unknown;
}

const DEGREES = 180 / Math.PI;
const toMercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + lat / DEGREES / 2)) * DEGREES;
const fromMercatorY = (y: number) => (2 * Math.atan(Math.exp(y / DEGREES)) - Math.PI / 2) * DEGREES;

/** Squared distance from a point to a segment. */
function segmentDistanceSquared(px: number, py: number, a: Position, b: Position): number {
  let x = a[0]!;
  let y = a[1]!;
  let dx = b[0]! - x;
  let dy = b[1]! - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0]!;
      y = b[1]!;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Signed distance from a point to the polygon's outline: positive inside, negative outside (even-odd rule). */
function signedDistance(x: number, y: number, polygon: Polygon): number {
  let inside = false;
  let minSquared = Infinity;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const a = ring[i]!;
      const b = ring[j]!;
      if (a[1]! > y !== b[1]! > y && x < ((b[0]! - a[0]!) * (y - a[1]!)) / (b[1]! - a[1]!) + a[0]!) inside = !inside;
      minSquared = Math.min(minSquared, segmentDistanceSquared(x, y, a, b));
    }
  }
  return minSquared === 0 ? 0 : (inside ? 1 : -1) * Math.sqrt(minSquared);
}

interface Cell {
  x: number;
  y: number;
  half: number;
  /** Distance from the cell's centre to the outline. */
  d: number;
  /** The most any point in the cell can be from the outline. */
  max: number;
}

const cell = (x: number, y: number, half: number, polygon: Polygon): Cell => {
  const d = signedDistance(x, y, polygon);
  return { x, y, half, d, max: d + half * Math.SQRT2 };
};

/** Area-weighted centroid of the outer ring: a good first guess, and the answer for degenerate rings. */
function centroidCell(polygon: Polygon): Cell {
  const ring = polygon[0]!;
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const a = ring[i]!;
    const b = ring[j]!;
    const f = a[0]! * b[1]! - b[0]! * a[1]!;
    x += (a[0]! + b[0]!) * f;
    y += (a[1]! + b[1]!) * f;
    area += f * 3;
  }
  if (area === 0) return cell(ring[0]![0]!, ring[0]![1]!, 0, polygon);
  return cell(x / area, y / area, 0, polygon);
}

/**
 * The pole of inaccessibility of a planar polygon (outer ring first, then holes), to within `precision` of
 * the best, as [x, y]. Pure; the polygon is not changed.
 */
export function poleOfInaccessibility(polygon: Polygon, precision: number): [number, number] {
  const outer = polygon[0];
  if (!outer || outer.length === 0) throw new Error('A polygon needs an outer ring');
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer as Array<[number, number]>) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const size = Math.min(width, height);
  if (size === 0) return [minX, minY];

  // Cells waiting to be split, best possible first. Few enough (hundreds) that a sorted array does.
  const queue: Cell[] = [];
  const push = (c: Cell) => {
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (queue[mid]!.max < c.max) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, c);
  };
  const half = size / 2;
  for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) push(cell(x + half, y + half, half, polygon));

  let best = centroidCell(polygon);
  const boxCentre = cell(minX + width / 2, minY + height / 2, 0, polygon);
  if (boxCentre.d > best.d) best = boxCentre;

  for (let next = queue.pop(); next; next = queue.pop()) {
    if (next.d > best.d) best = next;
    // Nothing in this cell can beat the best by more than the precision asked for.
    if (next.max - best.d <= precision) continue;
    const h = next.half / 2;
    push(cell(next.x - h, next.y - h, h, polygon));
    push(cell(next.x + h, next.y - h, h, polygon));
    push(cell(next.x - h, next.y + h, h, polygon));
    push(cell(next.x + h, next.y + h, h, polygon));
  }
  return [best.x, best.y];
}

/** Twice the signed area of a ring (shoelace): its size, to pick a county's main part. */
function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return Math.abs(sum);
}

/** The parts of a Polygon or MultiPolygon; none for any other geometry. */
function polygonsOf(geometry: PolygonalGeometry): Polygon[] {
  if (geometry.type === 'Polygon') return [geometry.coordinates as Polygon];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Polygon[];
  return [];
}

/** A county's size, the sum of its parts' outer rings (in squared degrees, doubled): to order counties by it. */
export function polygonalSize(geometry: PolygonalGeometry): number {
  return polygonsOf(geometry).reduce((total, polygon) => total + (polygon[0] ? ringArea(polygon[0]) : 0), 0);
}

/**
 * Where to label a county on a map: the pole of inaccessibility of its largest part (a Polygon or a
 * MultiPolygon in longitude and latitude), as { lng, lat }; null for any other geometry.
 */
export function labelAnchor(geometry: PolygonalGeometry): { lng: number; lat: number } | null {
  const projected = polygonsOf(geometry)
    .filter((polygon) => polygon[0] && polygon[0].length >= 3)
    .map((polygon) => polygon.map((ring) => ring.map(([lng, lat]) => [lng!, toMercatorY(lat!)])));
  if (projected.length === 0) return null;
  const largest = projected.reduce((a, b) => (ringArea(b[0]!) > ringArea(a[0]!) ? b : a));
  const [outer] = largest;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const [x] of outer!) {
    minX = Math.min(minX, x!);
    maxX = Math.max(maxX, x!);
  }
  // A thousandth of the county's width: far finer than a pixel at any zoom the labels are read at.
  const [x, y] = poleOfInaccessibility(largest, Math.max((maxX - minX) / 1000, 1e-9));
  return { lng: x, lat: fromMercatorY(y) };
}
