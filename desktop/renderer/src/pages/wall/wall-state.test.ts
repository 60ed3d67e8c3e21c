// The wall's placing rules: a camera sits on one tile only, a click fills the next free tile (or the chosen
// one), dragging swaps, a link fills the smallest layout that holds it, and a saved wall survives bad storage.
import { describe, expect, it } from 'vitest';
import { emptyWall, layoutFor, wallReducer, type WallCamera, type WallState } from './wall-state';

const camera = (n: number): WallCamera => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `烹饪区${n}`,
  status: 'online',
  connected: true,
  codec: 'h264',
  school: { id: 's', name: '学校' },
  canteen: { id: 'c', name: '食堂' },
});
const ids = (state: WallState) => state.tiles.slice(0, state.layout).map((slot) => slot?.camera.id ?? null);

describe('the wall state', () => {
  it('puts a clicked camera on the next free tile, once', () => {
    let wall = wallReducer(emptyWall(4), { type: 'place', index: 0, camera: camera(1) });
    wall = wallReducer(wall, { type: 'placeNext', camera: camera(2) });
    expect(ids(wall)).toEqual([camera(1).id, camera(2).id, null, null]);
    expect(wallReducer(wall, { type: 'placeNext', camera: camera(2) })).toBe(wall);
  });

  it('sends clicks to a chosen tile and on to the ones after it', () => {
    let wall = wallReducer(emptyWall(4), { type: 'assign', cameras: [camera(1), camera(2), camera(3), camera(4)] });
    wall = wallReducer(wall, { type: 'target', index: 3 });
    wall = wallReducer(wall, { type: 'placeNext', camera: camera(5) });
    wall = wallReducer(wall, { type: 'placeNext', camera: camera(6) });
    expect(ids(wall)).toEqual([camera(6).id, camera(2).id, camera(3).id, camera(5).id]);
  });

  it('moves a camera already on the wall instead of showing it twice, and swaps dragged tiles', () => {
    let wall = wallReducer(emptyWall(4), { type: 'assign', cameras: [camera(1), camera(2)], layout: 4 });
    wall = wallReducer(wall, { type: 'place', index: 1, camera: camera(1) });
    expect(ids(wall)).toEqual([camera(2).id, camera(1).id, null, null]);
    wall = wallReducer(wall, { type: 'move', from: 0, to: 3 });
    expect(ids(wall)).toEqual([null, camera(1).id, null, camera(2).id]);
  });

  it('fits a link in the smallest layout and keeps live status current', () => {
    expect([1, 2, 4, 5, 10, 16, 20].map(layoutFor)).toEqual([1, 4, 4, 9, 16, 16, 16]);
    let wall = wallReducer(emptyWall(16), { type: 'assign', cameras: [camera(1), camera(2), camera(3)] });
    expect(wall.layout).toBe(4);
    wall = wallReducer(wall, { type: 'refresh', cameras: [{ ...camera(2), status: 'frozen' }] });
    expect(wall.tiles[1]?.camera.status).toBe('frozen');
    expect(wallReducer(wall, { type: 'refresh', cameras: [{ ...camera(2), status: 'frozen' }] })).toBe(wall);
  });
});
