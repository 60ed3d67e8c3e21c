// The video wall of a command room (1920×1080): the cameras of the user's jurisdiction on the side, 1/4/9/16
// live tiles, a patrol rotation through today's plan, snapshots, one tile full screen and playback of
// recordings. The layout and the tiles are kept per screen; a link may name the cameras and the list filter
// (#/wall?cameras=…&status=…&county=…&school=…), and a camera's recording to play from a moment
// (…&playback=<camera>&at=<instant>, as an alert's detail links to the recording at the alert's time).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../api/types';
import { CameraList } from './CameraList';
import { PlaybackDialog } from './PlaybackDialog';
import { RotationControls } from './RotationControls';
import { SnapshotPanel } from './SnapshotPanel';
import { usePatrolRotation } from './use-patrol-rotation';
import { useSnapshots } from './use-snapshots';
import { useWall } from './use-wall';
import { useWallFilters } from './use-wall-filters';
import { LAYOUTS, type WallAction, type WallCamera } from './wall-state';
import { WallGrid } from './WallGrid';
import './wall.css';

export function WallPage() {
  const { t } = useTranslation('wall');
  const [filters, setFilters] = useWallFilters();
  const dropLink = useCallback(() => setFilters({ cameras: undefined }), [setFilters]);
  const wall = useWall(filters.cameras, dropLink);
  const { state } = wall;
  const [full, setFull] = useState<number | null>(null);
  const [playback, setPlayback] = useState<{ camera: WallCamera; at?: number } | null>(null);
  // A playback link opens once its camera is on the wall (the link's cameras are placed first).
  const linkedPlayback = filters.playback;
  useEffect(() => {
    if (!linkedPlayback) return;
    const camera = state.tiles.find((slot) => slot?.camera.id === linkedPlayback.cameraId)?.camera;
    if (!camera) return;
    setPlayback({ camera, at: linkedPlayback.at });
    setFilters({ playback: undefined, at: undefined });
  }, [linkedPlayback, state.tiles, setFilters]);
  const snapshots = useSnapshots();
  const rotation = usePatrolRotation(state.layout, (cameras: Camera[]) => wall.dispatch({ type: 'assign', cameras, layout: state.layout }));

  // A hand on the wall pauses the rotation, so the next tick does not undo it.
  const act = (action: WallAction) => {
    if (rotation.running && !rotation.paused && action.type !== 'format' && action.type !== 'target') rotation.pause();
    wall.dispatch(action);
  };
  const onWall = useMemo(
    () => new Set(state.tiles.slice(0, state.layout).flatMap((slot) => (slot ? [slot.camera.id] : []))),
    [state.tiles, state.layout],
  );
  const cameraAt = (index: number) => state.tiles[index]?.camera;
  const [wallFull, setWallFull] = useState(false);
  const placeNext = (camera: Camera) => {
    const visible = state.tiles.slice(0, state.layout);
    const taken = state.target === null && !visible.includes(null) && !onWall.has(camera.id);
    setWallFull(taken);
    if (!taken) act({ type: 'placeNext', camera });
  };

  return (
    <div className="wall-page">
      <CameraList filters={filters} onFilter={setFilters} onWall={onWall} onPlace={placeNext} />
      <div className="wall-main">
        <div className="wall-toolbar">
          <h1>{t('title')}</h1>
          <div className="wall-layouts" role="group" aria-label={t('layout.label')}>
            {LAYOUTS.map((layout) => (
              <button
                key={layout}
                type="button"
                aria-pressed={state.layout === layout}
                onClick={() => {
                  setFull(null);
                  wall.dispatch({ type: 'layout', layout });
                }}
              >
                {t('layout.option', { count: layout })}
              </button>
            ))}
          </div>
          <RotationControls rotation={rotation} />
          <button type="button" onClick={() => act({ type: 'clear' })}>
            {t('toolbar.clear')}
          </button>
          {wallFull && state.target === null && !state.tiles.slice(0, state.layout).includes(null) && (
            <span className="wall-notice" role="alert">
              {t('toolbar.full')}
            </span>
          )}
          {wall.missing.length > 0 && (
            <span className="error" role="alert">
              {t('toolbar.missing', { count: wall.missing.length })}
            </span>
          )}
        </div>
        <WallGrid
          state={state}
          dispatch={act}
          full={full !== null && full < state.layout ? full : null}
          setFull={setFull}
          onSnapshot={(index) => {
            const camera = cameraAt(index);
            if (camera) void snapshots.take(camera);
          }}
          onPlayback={(index) => {
            const camera = cameraAt(index);
            setPlayback(camera ? { camera } : null);
          }}
        />
        <SnapshotPanel snapshots={snapshots} />
      </div>
      {playback && (
        <PlaybackDialog
          key={`${playback.camera.id}@${playback.at ?? ''}`}
          camera={playback.camera}
          {...(playback.at !== undefined ? { at: playback.at } : {})}
          onClose={() => setPlayback(null)}
        />
      )}
    </div>
  );
}
