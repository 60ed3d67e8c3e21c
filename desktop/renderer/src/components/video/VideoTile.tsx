// One live camera: asks the server for a ticket, plays it (mpegts.js for H.264, jsmpeg for MPEG-1), and
// starts over with a fresh ticket when the stream errors or shows no frame for a while — a wall left on all
// night heals itself. The frame count is kept on the element (data-frames) for the people and tests that
// need to see the picture move; the camera's health is on every tile (badge and data-status).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Camera, LiveTicket } from '../../api/types';
import { CameraStatusBadge } from './CameraStatusBadge';
import './video.css';
import { playMpeg1, playMpegts, wsUrl, type LivePlayer } from './live-players';
import { videoErrorKey, type VideoErrorKey } from './video-errors';

export interface VideoTileProps {
  camera: Pick<Camera, 'id' | 'name' | 'status' | 'connected'> & { codec?: Camera['codec'] };
  /** Watch through the public ticket route (no login; cameras marked public only). */
  publicView?: boolean;
  /** Force the MPEG-1 fallback even for an H.264 camera (e.g. a weak wall PC). */
  format?: LiveTicket['format'];
  /** A grid tile: the camera's sub-stream where it has one (full screen and single views take the main stream). */
  sub?: boolean;
  /** Buttons drawn over the tile (snapshot, full screen…). */
  children?: ReactNode;
  className?: string;
}

/** No frame for this long: the stream is treated as broken and restarted with a new ticket. */
const STALL_MS = 15_000;
/** A ticket the server refused is asked for again after this long. */
const RETRY_MS = 5_000;
/**
 * Whether this browser's MSE plays H.265 (hvc1): then an H.265 camera is passed through untouched (`mpegts`),
 * else the relay transcodes it to H.264.
 */
const PLAYS_HEVC = typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"');

type Phase = { kind: 'connecting' } | { kind: 'playing' } | { kind: 'reconnecting' } | { kind: 'failed'; error: VideoErrorKey };

export function VideoTile({ camera, publicView, format, sub, children, className }: VideoTileProps) {
  const { t } = useTranslation('video');
  const box = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [kind, setKind] = useState<LiveTicket['format'] | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  const playable = camera.connected && camera.status !== 'offline';

  useEffect(() => {
    if (!playable) return;
    let cancelled = false;
    let player: LivePlayer | null = null;
    let frames = Number(box.current?.getAttribute('data-frames') ?? 0);
    let playing = false;
    let lastFrameAt = Date.now();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      if (cancelled) return;
      setPhase({ kind: 'reconnecting' });
      setAttempt((n) => n + 1);
    };
    const onFrame = () => {
      frames += 1;
      lastFrameAt = Date.now();
      box.current?.setAttribute('data-frames', String(frames));
      if (!playing && !cancelled) {
        playing = true;
        setPhase({ kind: 'playing' });
      }
    };
    const path = publicView ? `/api/public/cameras/${camera.id}/live` : `/api/cameras/${camera.id}/live`;
    const asked = format ?? (PLAYS_HEVC ? 'mpegts' : undefined);
    api.post<LiveTicket>(path, { ...(asked ? { format: asked } : {}), ...(sub ? { sub: true } : {}) }).then(
      (ticket) => {
        if (cancelled) return;
        setKind(ticket.format);
        // A picture from an earlier stream, or an earlier refusal, no longer holds.
        setPhase((now) => (now.kind === 'failed' || now.kind === 'playing' ? { kind: 'connecting' } : now));
        // Wait a frame so the <video>/<canvas> of the ticket's format is mounted.
        requestAnimationFrame(() => {
          if (cancelled) return;
          const url = wsUrl(ticket.url);
          if (ticket.format !== 'mpeg1' && video.current) player = playMpegts(video.current, url, onFrame, restart);
          else if (ticket.format === 'mpeg1' && canvas.current) player = playMpeg1(canvas.current, url, onFrame);
        });
      },
      (error: unknown) => {
        if (cancelled) return;
        setPhase({ kind: 'failed', error: videoErrorKey(error) });
        retry = setTimeout(() => !cancelled && setAttempt((n) => n + 1), RETRY_MS);
      },
    );
    const watchdog = setInterval(() => {
      if (Date.now() - lastFrameAt > STALL_MS) restart();
    }, 5000);
    return () => {
      cancelled = true;
      clearInterval(watchdog);
      clearTimeout(retry);
      player?.destroy();
    };
  }, [camera.id, publicView, format, sub, playable, attempt]);

  const message = !camera.connected
    ? t('notConnected')
    : camera.status === 'offline'
      ? t('offline')
      : phase.kind === 'connecting'
        ? t('connecting')
        : phase.kind === 'reconnecting'
          ? t('reconnecting')
          : null;

  return (
    <div
      ref={box}
      className={`video-tile ${className ?? ''}`}
      data-camera={camera.id}
      data-status={camera.status}
      data-format={kind ?? undefined}
      data-frames="0"
    >
      {kind === 'mpeg1' ? <canvas ref={canvas} /> : <video ref={video} muted playsInline />}
      <div className="video-tile-label">
        <span className="video-tile-name">{camera.name}</span>
        <CameraStatusBadge status={camera.status} />
      </div>
      {phase.kind === 'failed' && playable ? (
        <div className="video-tile-message error" role="status">
          <span>{t(`errors.${phase.error}`)}</span>
          <span className="video-tile-hint">{t('retrying')}</span>
        </div>
      ) : (
        message && (
          <div className="video-tile-message" role="status">
            {message}
          </div>
        )
      )}
      {children && <div className="video-tile-actions">{children}</div>}
    </div>
  );
}
