// One tile of the wall: a live camera (or a free slot) that takes dropped cameras and other tiles, with its
// actions — snapshot, playback, full screen (also by double-click), the MPEG-1 fallback and remove.
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VideoTile } from '../../components/video/VideoTile';
import { acceptsDrop, dragTile, readDrop, type Dropped } from './camera-drag';
import type { TileSlot } from './wall-state';

interface Props {
  index: number;
  slot: TileSlot | null;
  full: boolean;
  targeted: boolean;
  onDrop: (dropped: NonNullable<Dropped>) => void;
  onFull: () => void;
  onSnapshot: () => void;
  onPlayback: () => void;
  onMpeg1: (on: boolean) => void;
  onRemove: () => void;
  onTarget: () => void;
}

export function WallTile({ index, slot, full, targeted, onDrop, onFull, onSnapshot, onPlayback, onMpeg1, onRemove, onTarget }: Props) {
  const { t } = useTranslation('wall');
  const [over, setOver] = useState(false);
  const number = t('tile.number', { index: index + 1 });
  const dropHandlers = {
    onDragOver: (event: DragEvent) => {
      if (!acceptsDrop(event)) return;
      event.preventDefault();
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      setOver(false);
      const dropped = readDrop(event);
      if (dropped) onDrop(dropped);
    },
  };
  const classes = ['wall-tile', full ? 'fullscreen' : '', over ? 'drop-over' : '', targeted ? 'targeted' : ''].join(' ');

  // The tile number is also the button that makes this tile the target of the next click in the list.
  const numberButton = (
    <button
      type="button"
      className="wall-tile-number"
      aria-pressed={targeted}
      aria-label={t('tile.target', { index: index + 1 })}
      title={t('tile.target', { index: index + 1 })}
      onClick={onTarget}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      {index + 1}
    </button>
  );

  if (!slot) {
    return (
      <section className={`${classes} empty`} aria-label={number} data-testid="wall-tile" data-index={index} {...dropHandlers}>
        {numberButton}
        <p>{t('tile.empty')}</p>
        <p className="muted">{t('tile.emptyHint')}</p>
      </section>
    );
  }

  const mpeg1 = slot.format === 'mpeg1';
  return (
    <section
      className={classes}
      aria-label={`${number} ${slot.camera.name}`}
      data-testid="wall-tile"
      data-index={index}
      data-camera={slot.camera.id}
      draggable
      onDragStart={(event) => dragTile(event, index)}
      onDoubleClick={onFull}
      {...dropHandlers}
    >
      {/* A new camera on this tile is a new player (and a fresh frame count). */}
      <VideoTile key={`${slot.camera.id}-${slot.format ?? 'auto'}`} camera={slot.camera} format={slot.format} sub={!full} />
      {numberButton}
      {/* The school across the top, and under it the buttons (shown on hover or focus): they never cover the
          names, and the middle of the picture stays free for a double-click. */}
      <div className="wall-tile-head">
        <span className="wall-tile-school">{slot.camera.school.name}</span>
        <div className="video-tile-actions wall-tile-actions">
          <button type="button" onClick={onSnapshot}>
            {t('tile.snapshot')}
          </button>
          <button type="button" onClick={onPlayback}>
            {t('tile.playback')}
          </button>
          <button type="button" aria-pressed={mpeg1} title={t('tile.mpeg1Title')} onClick={() => onMpeg1(!mpeg1)}>
            {t('tile.mpeg1')}
          </button>
          <button type="button" onClick={onFull}>
            {full ? t('tile.exitFullscreen') : t('tile.fullscreen')}
          </button>
          <button type="button" onClick={onRemove}>
            {t('tile.remove')}
          </button>
        </div>
      </div>
    </section>
  );
}
