// Playback of a camera's recordings: choose a day and an hour, see the recorded spans on a timeline, click to
// play from that moment; opened at a moment (a link to an alert's time), it plays from there at once. The server streams the range as one MPEG-TS resource (GET /api/cameras/:id/playback,
// with byte ranges), which mpegts.js plays as a non-live source.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/client';
import type { RecordingList } from '../../api/types';
import { playRecording, type LivePlayer } from '../../components/video/live-players';
import { formatDateTime, formatTime, shanghaiToday } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import { HOUR_MS, hourStart, segmentAt, shanghaiHour, type Span } from './playback-time';
import { Timeline } from './Timeline';
import type { WallCamera } from './wall-state';

interface Props {
  camera: WallCamera;
  /** A moment to play from as soon as the recordings of its hour are known. */
  at?: number;
  onClose: () => void;
}

interface Playing {
  /** Where the played resource begins (the start of the span clicked in). */
  from: number;
  to: number;
  /** The moment asked for, within the first span. */
  at: number;
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

export function PlaybackDialog({ camera, at, onClose }: Props) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  const [date, setDate] = useState(() => shanghaiToday(at !== undefined ? new Date(at) : undefined));
  const [hour, setHour] = useState(() => shanghaiHour(at !== undefined ? new Date(at) : undefined));
  const pendingAt = useRef(at);
  const [playing, setPlaying] = useState<Playing | null>(null);
  const [position, setPosition] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  const start = hourStart(date, hour);
  const end = new Date(start.getTime() + HOUR_MS);
  const current = Date.now() < end.getTime();
  const recordings = useLiveQuery<RecordingList>(
    `/api/cameras/${camera.id}/recordings`,
    { from: start.toISOString(), to: end.toISOString() },
    // The hour still being recorded grows.
    { intervalMs: current ? 30_000 : undefined },
  );
  const spans: Span[] = (recordings.data?.segments ?? [])
    .map((segment) => ({ start: Date.parse(segment.start), end: Date.parse(segment.end) }))
    .sort((a, b) => a.start - b.start);

  useEffect(() => closeButton.current?.focus(), []);

  useEffect(() => {
    const element = video.current;
    if (!playing || !element) return;
    setFailure(null);
    const url = withQuery(`/api/cameras/${camera.id}/playback`, {
      from: new Date(playing.from).toISOString(),
      to: new Date(playing.to).toISOString(),
    });
    const player: LivePlayer = playRecording(element, url, setFailure);
    const offset = (playing.at - playing.from) / 1000;
    let sought = offset < 1;
    const onTime = () => {
      // Jump to the moment clicked once that much is buffered.
      if (!sought && element.buffered.length > 0 && element.buffered.end(element.buffered.length - 1) >= offset) {
        sought = true;
        element.currentTime = offset;
      }
      setPosition(playing.from + element.currentTime * 1000);
    };
    element.addEventListener('timeupdate', onTime);
    element.addEventListener('progress', onTime);
    return () => {
      element.removeEventListener('timeupdate', onTime);
      element.removeEventListener('progress', onTime);
      player.destroy();
    };
  }, [playing, camera.id]);

  const pick = (moment: number) => {
    const found = segmentAt(spans, moment);
    if (!found) return;
    const last = spans[spans.length - 1]!;
    setPosition(found.at);
    setPlaying({ from: found.span.start, to: Math.max(found.span.end, Math.min(end.getTime(), last.end)), at: found.at });
  };

  // Opened at a moment: play from it once its hour's recordings are listed (once; a later pick is the user's).
  useEffect(() => {
    if (pendingAt.current === undefined || !recordings.data) return;
    const moment = pendingAt.current;
    pendingAt.current = undefined;
    pick(moment);
  });

  return (
    <div className="wall-dialog-backdrop">
      <div
        className="wall-dialog panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="playback-title"
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          onClose();
        }}
      >
        <header>
          <h2 id="playback-title">{t('playback.title', { camera: camera.name })}</h2>
          <button ref={closeButton} type="button" onClick={onClose}>
            {t('playback.close')}
          </button>
        </header>
        <div className="playback-controls">
          <label>
            {t('playback.date')}
            <input
              type="date"
              value={date}
              max={shanghaiToday()}
              onChange={(event) => {
                if (!event.target.value) return;
                setDate(event.target.value);
                setPlaying(null);
              }}
            />
          </label>
          <label>
            {t('playback.hour')}
            <select
              value={hour}
              onChange={(event) => {
                setHour(Number(event.target.value));
                setPlaying(null);
              }}
            >
              {HOURS.map((value) => (
                <option key={value} value={value}>
                  {t('playback.hourOption', { from: String(value).padStart(2, '0'), to: String(value + 1).padStart(2, '0') })}
                </option>
              ))}
            </select>
          </label>
          <span className="muted" role="status">
            {recordings.isPending
              ? t('playback.loading')
              : recordings.isError
                ? tc('state.error', { message: recordings.error.message })
                : spans.length === 0
                  ? t('playback.none')
                  : t('playback.segments', { count: spans.length })}
          </span>
        </div>
        <Timeline start={start} spans={spans} position={position} onPick={pick} />
        <p className="muted">{spans.length > 0 && !playing ? t('playback.hint') : null}</p>
        <div className="playback-video">
          <video ref={video} controls muted playsInline data-testid="playback-video" />
          {playing && (
            <div className="playback-caption">
              <span>{t('playback.playingFrom', { time: formatDateTime(playing.at) })}</span>
              {position !== null && <span data-testid="playback-position">{t('playback.position', { time: formatTime(position) })}</span>}
            </div>
          )}
          {failure && (
            <p className="error" role="alert">
              {t('playback.failed', { message: failure })}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
