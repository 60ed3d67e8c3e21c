// Padding that keeps a fitted view clear of what lies over the map (the legend, the county panel): each
// overlay pushes the view in from the one side it costs least to give up, so the legend along the bottom
// takes some height, the panel down the left some width, and no county is drawn under either. Pure: screen
// pixels in, padding out.
import type { Rect } from './label-layout';

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The padding for fitting a view into a map of `width` × `height` with `overlays` over it (in the map's own
 * pixels): at least `base` on every side, and on the side each overlay hugs, past it by `gap`.
 */
export function clearOfOverlays(width: number, height: number, overlays: readonly Rect[], base: number, gap: number): Padding {
  const padding: Padding = { top: base, right: base, bottom: base, left: base };
  for (const overlay of overlays) {
    if (overlay.width <= 0 || overlay.height <= 0) continue;
    const costs: Array<[keyof Padding, number]> = [
      ['top', overlay.y + overlay.height + gap],
      ['bottom', height - overlay.y + gap],
      ['left', overlay.x + overlay.width + gap],
      ['right', width - overlay.x + gap],
    ];
    // The side given up is the one that leaves the view the most room (width and height weighed alike).
    const [side, inset] = costs.reduce((best, next) => (next[1] < best[1] ? next : best));
    padding[side] = Math.max(padding[side], inset);
  }
  return padding;
}
