// Bounding boxes of GeoJSON geometries, for fitting the map to the city or to one county.
export type Bounds = [[number, number], [number, number]];

interface Geometry {
  type: string;
  coordinates: unknown;
}

function extend(coordinates: unknown, box: [number, number, number, number]): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    const [lng, lat] = coordinates as [number, number];
    box[0] = Math.min(box[0], lng);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lng);
    box[3] = Math.max(box[3], lat);
    return;
  }
  for (const inner of coordinates) extend(inner, box);
}

/** The box around every geometry given, or null when they hold no coordinates. */
export function boundsOf(geometries: readonly Geometry[]): Bounds | null {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const geometry of geometries) extend(geometry.coordinates, box);
  if (!Number.isFinite(box[0])) return null;
  return [
    [box[0], box[1]],
    [box[2], box[3]],
  ];
}
