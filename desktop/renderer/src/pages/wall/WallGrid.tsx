// The tiles of the chosen layout in a square grid; one tile may fill the screen (Escape returns).
import { useEffect } from 'react';
import type { Dropped } from './camera-drag';
import type { WallAction, WallState } from './wall-state';
import { WallTile } from './WallTile';

interface Props {
  state: WallState;
  dispatch: (action: WallAction) => void;
  full: number | null;
  setFull: (index: number | null) => void;
  onSnapshot: (index: number) => void;
  onPlayback: (index: number) => void;
}

export function WallGrid({ state, dispatch, full, setFull, onSnapshot, onPlayback }: Props) {
  const side = Math.sqrt(state.layout);
  useEffect(() => {
    if (full === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setFull(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [full, setFull]);

  const drop = (index: number, dropped: NonNullable<Dropped>) =>
    dropped.kind === 'tile'
      ? dispatch({ type: 'move', from: dropped.index, to: index })
      : dispatch({ type: 'place', index, camera: dropped.camera });

  return (
    <div className="wall-grid" style={{ gridTemplateColumns: `repeat(${side}, 1fr)`, gridTemplateRows: `repeat(${side}, 1fr)` }}>
      {state.tiles.slice(0, state.layout).map((slot, index) => (
        <WallTile
          key={index}
          index={index}
          slot={slot}
          full={full === index}
          targeted={state.target === index}
          onDrop={(dropped) => drop(index, dropped)}
          onFull={() => setFull(full === index ? null : index)}
          onSnapshot={() => onSnapshot(index)}
          onPlayback={() => onPlayback(index)}
          onMpeg1={(on) => dispatch({ type: 'format', index, format: on ? 'mpeg1' : undefined })}
          onRemove={() => dispatch({ type: 'remove', index })}
          onTarget={() => dispatch({ type: 'target', index: state.target === index ? null : index })}
        />
      ))}
    </div>
  );
}
