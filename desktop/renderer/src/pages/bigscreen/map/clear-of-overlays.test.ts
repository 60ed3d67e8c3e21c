import { describe, expect, it } from 'vitest';
import { clearOfOverlays } from './clear-of-overlays';

describe('padding clear of the overlays on a map', () => {
  it('is the base padding with nothing over the map', () => {
    expect(clearOfOverlays(1000, 900, [], 48, 12)).toEqual({ top: 48, right: 48, bottom: 48, left: 48 });
  });

  it('gives up height for a legend along the bottom-left corner, not width', () => {
    const legend = { x: 12, y: 800, width: 520, height: 88 };
    expect(clearOfOverlays(1000, 900, [legend], 48, 12)).toEqual({ top: 48, right: 48, bottom: 112, left: 48 });
  });

  it('gives up width for a tall panel down the left, and keeps both clear together', () => {
    const panel = { x: 12, y: 12, width: 352, height: 420 };
    const legend = { x: 12, y: 800, width: 520, height: 88 };
    expect(clearOfOverlays(1000, 900, [panel, legend], 48, 12)).toEqual({ top: 48, right: 48, bottom: 112, left: 376 });
  });

  it('ignores an overlay that is not drawn (no size)', () => {
    expect(clearOfOverlays(1000, 900, [{ x: 0, y: 0, width: 0, height: 0 }], 48, 12)).toEqual({ top: 48, right: 48, bottom: 48, left: 48 });
  });
});
