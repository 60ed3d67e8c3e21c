// What a video wall shows: its layout (1, 4, 9 or 16 tiles) and which camera sits on which tile, with the
// per-tile MPEG-1 fallback. Pure state changes, so the rules (a camera appears on one tile only, the next
// free tile, swapping by drag) are one reducer; the page keeps it per screen in localStorage.
import type { Camera, LiveTicket } from '../../api/types';

export const LAYOUTS = [1, 4, 9, 16] as const;
export type Layout = (typeof LAYOUTS)[number];
export const MAX_TILES = 16;

/** The camera fields a tile needs; kept with the assignment so a reload shows names before the list answers. */
export type WallCamera = Pick<Camera, 'id' | 'name' | 'status' | 'connected' | 'codec' | 'school' | 'canteen'>;

export interface TileSlot {
  camera: WallCamera;
  /** 'mpeg1' forces the jsmpeg fallback for this tile. */
  format?: LiveTicket['format'];
}

export interface WallState {
  layout: Layout;
  tiles: (TileSlot | null)[];
  /** The tile the next click-to-place goes to, when the user chose one. */
  target: number | null;
}

export type WallAction =
  | { type: 'layout'; layout: Layout }
  | { type: 'place'; index: number; camera: WallCamera }
  | { type: 'placeNext'; camera: WallCamera }
  | { type: 'move'; from: number; to: number }
  | { type: 'remove'; index: number }
  | { type: 'clear' }
  | { type: 'format'; index: number; format: LiveTicket['format'] | undefined }
  | { type: 'target'; index: number | null }
  | { type: 'assign'; cameras: WallCamera[]; layout?: Layout }
  | { type: 'refresh'; cameras: WallCamera[] };

export const emptyWall = (layout: Layout = 4): WallState => ({ layout, tiles: Array<TileSlot | null>(MAX_TILES).fill(null), target: null });

/** The smallest layout that shows `count` tiles. */
export const layoutFor = (count: number): Layout => LAYOUTS.find((layout) => layout >= count) ?? 16;

const pick = (camera: WallCamera): WallCamera => ({
  id: camera.id,
  name: camera.name,
  status: camera.status,
  connected: camera.connected,
  codec: camera.codec,
  school: camera.school,
  canteen: camera.canteen,
});

export function wallReducer(state: WallState, action: WallAction): WallState {
  switch (action.type) {
    case 'layout':
      return { ...state, layout: action.layout, target: state.target !== null && state.target < action.layout ? state.target : null };
    case 'place':
      return place(state, action.index, action.camera);
    case 'placeNext': {
      const visible = state.tiles.slice(0, state.layout);
      if (visible.some((slot) => slot?.camera.id === action.camera.id)) return state;
      const index = state.target ?? visible.findIndex((slot) => slot === null);
      if (index === -1) return state;
      const next = place(state, index, action.camera);
      // With a chosen target, the following click goes to the tile after it.
      return { ...next, target: state.target === null ? null : (state.target + 1) % state.layout };
    }
    case 'move': {
      if (action.from === action.to) return state;
      const tiles = [...state.tiles];
      [tiles[action.from], tiles[action.to]] = [tiles[action.to] ?? null, tiles[action.from] ?? null];
      return { ...state, tiles };
    }
    case 'remove':
      return { ...state, tiles: state.tiles.map((slot, index) => (index === action.index ? null : slot)) };
    case 'clear':
      return { ...state, tiles: emptyWall().tiles, target: null };
    case 'format':
      return {
        ...state,
        tiles: state.tiles.map((slot, index) => (index === action.index && slot ? { ...slot, format: action.format } : slot)),
      };
    case 'target':
      return { ...state, target: action.index };
    case 'assign': {
      const layout = action.layout ?? layoutFor(action.cameras.length);
      const tiles = emptyWall().tiles;
      action.cameras.slice(0, layout).forEach((camera, index) => (tiles[index] = { camera: pick(camera) }));
      return { layout, tiles, target: null };
    }
    case 'refresh': {
      const byId = new Map(action.cameras.map((camera) => [camera.id, camera]));
      let changed = false;
      const tiles = state.tiles.map((slot) => {
        const fresh = slot && byId.get(slot.camera.id);
        if (!slot || !fresh) return slot;
        if (fresh.status === slot.camera.status && fresh.connected === slot.camera.connected && fresh.name === slot.camera.name)
          return slot;
        changed = true;
        return { ...slot, camera: pick(fresh) };
      });
      return changed ? { ...state, tiles } : state;
    }
  }
}

/** Puts a camera on a tile; if it already sat on another tile, the two tiles swap. */
function place(state: WallState, index: number, camera: WallCamera): WallState {
  const tiles = [...state.tiles];
  const previous = tiles.findIndex((slot) => slot?.camera.id === camera.id);
  if (previous === index) return state;
  if (previous !== -1) tiles[previous] = tiles[index] ?? null;
  tiles[index] = { camera: pick(camera) };
  return { ...state, tiles };
}

// Persistence: one wall per screen (an Electron window names its view; a browser may add ?screen=).
const STORAGE_PREFIX = 'cc.wall.';

export function screenKey(): string {
  const fromUrl = new URLSearchParams(location.search).get('screen');
  return STORAGE_PREFIX + (fromUrl ?? window.canteenDesktop?.view ?? 'browser');
}

export function loadWall(key: string): WallState {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<WallState> | null;
    if (!saved || !LAYOUTS.includes(saved.layout as Layout) || !Array.isArray(saved.tiles)) return emptyWall();
    const tiles = emptyWall().tiles.map((_, index) => {
      const slot = saved.tiles![index];
      return slot && typeof slot.camera?.id === 'string' ? slot : null;
    });
    return { layout: saved.layout as Layout, tiles, target: null };
  } catch {
    return emptyWall();
  }
}

export function saveWall(key: string, state: WallState): void {
  try {
    localStorage.setItem(key, JSON.stringify({ layout: state.layout, tiles: state.tiles }));
  } catch {
    // A full or disabled storage only loses the memory of the layout, never the wall itself.
  }
}
