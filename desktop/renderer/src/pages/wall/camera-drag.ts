// What a drag onto a tile carries: a camera from the list, or another tile (to swap the two).
import type { DragEvent } from 'react';
import type { WallCamera } from './wall-state';

const CAMERA_TYPE = 'application/x-cc-camera';
const TILE_TYPE = 'application/x-cc-tile';

export function dragCamera(event: DragEvent, camera: WallCamera): void {
  event.dataTransfer.setData(CAMERA_TYPE, JSON.stringify(camera));
  event.dataTransfer.setData('text/plain', camera.name);
  event.dataTransfer.effectAllowed = 'copyMove';
}

export function dragTile(event: DragEvent, index: number): void {
  event.dataTransfer.setData(TILE_TYPE, String(index));
  event.dataTransfer.effectAllowed = 'move';
}

/** Whether a drag over a tile carries something the tile takes (types are readable during dragover). */
export const acceptsDrop = (event: DragEvent): boolean =>
  event.dataTransfer.types.includes(CAMERA_TYPE) || event.dataTransfer.types.includes(TILE_TYPE);

export type Dropped = { kind: 'camera'; camera: WallCamera } | { kind: 'tile'; index: number } | null;

export function readDrop(event: DragEvent): Dropped {
  const tile = event.dataTransfer.getData(TILE_TYPE);
  if (tile !== '') return { kind: 'tile', index: Number(tile) };
  const camera = event.dataTransfer.getData(CAMERA_TYPE);
  if (!camera) return null;
  try {
    return { kind: 'camera', camera: JSON.parse(camera) as WallCamera };
  } catch {
    return null;
  }
}
