// The wall's tiles for this screen: restored from localStorage and saved on every change, kept current with
// the cameras' live status (the ids on the wall are asked for again on every camera event), and replaced by
// the cameras a link names (#/wall?cameras=id,id,…) — once: the link is then taken off the URL, so a reload
// keeps what the user made of the wall since.
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { CameraPage } from '../../api/types';
import { useLiveQuery } from '../../hooks/use-live-query';
import { loadWall, saveWall, screenKey, wallReducer, type WallAction, type WallState } from './wall-state';

export interface Wall {
  state: WallState;
  dispatch: (action: WallAction) => void;
  /** Cameras the link named that are not (or no longer) in the user's scope. */
  missing: string[];
}

export function useWall(linkedCameras: string[], onLinkApplied: () => void): Wall {
  const key = useMemo(screenKey, []);
  const [state, dispatch] = useReducer(wallReducer, key, loadWall);
  const [missing, setMissing] = useState<string[]>([]);
  useEffect(() => saveWall(key, state), [key, state]);

  // The link's cameras, asked for by id in one request; placed once per distinct link.
  const linkedText = linkedCameras.join(',');
  const linked = useLiveQuery<CameraPage>('/api/cameras', { ids: linkedText, pageSize: 64 }, { enabled: linkedCameras.length > 0 });
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (!linked.data || applied.current === linkedText) return;
    applied.current = linkedText;
    const byId = new Map(linked.data.items.map((camera) => [camera.id, camera]));
    dispatch({ type: 'assign', cameras: linkedCameras.map((id) => byId.get(id)).filter((camera) => camera !== undefined) });
    setMissing(linkedCameras.filter((id) => !byId.has(id)));
    onLinkApplied();
  }, [linked.data, linkedText, linkedCameras, onLinkApplied]);

  // Live status of the cameras on the wall.
  const onWall = state.tiles.flatMap((slot) => (slot ? [slot.camera.id] : [])).sort();
  const current = useLiveQuery<CameraPage>(
    '/api/cameras',
    { ids: onWall.join(','), pageSize: 64 },
    { enabled: onWall.length > 0, refreshOn: ['camera.'] },
  );
  useEffect(() => {
    if (current.data) dispatch({ type: 'refresh', cameras: current.data.items });
  }, [current.data]);

  return { state, dispatch, missing };
}
