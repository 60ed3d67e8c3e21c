// One live camera: asks the server for a ticket, plays it (mpegts.js for H.264, jsmpeg for MPEG-1), and
// starts over with a fresh ticket when the stream errors or shows no frame for a while — a wall left on all
// night heals itself. The frame count is kept on the element (data-frames) for the people and tests that
// need to see the picture move.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Camera, LiveTicket } from '../../api/types';
import { playMpeg1, playMpegts, wsUrl, type LivePlayer } from './live-players';

export interface VideoTileProps {
  camera: Pick<Camera, 'id' | 'name' | 'status' | 'connected'> & { codec?: Camera['codec'] };
  /** Watch through the public ticket route (no login; cameras marked public only). */
  publicView?: boolean;
  /** Force the MPEG-1 fallback even for an H.264 camera (e.g. a weak wall PC). */
  format?: LiveTicket['format'];
  /** Buttons drawn over the tile (snapshot, full screen…). */
  children?: ReactNode;
  className?: string;
}

/** No frame for this long: the stream is treated as broken and restarted with a new ticket. */
const STALL_MS = 15_000;

export function VideoTile({ camera, publicView, format, children, className }: VideoTileProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [kind, setKind] = useState<LiveTicket['format'] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const playable = camera.connected && camera.status !== 'offline';

  useEffect(() => {
    if (!playable) return;
    let cancelled = false;
    let player: LivePlayer | null = null;
    let frames = 0;
    let lastFrameAt = Date.now();
    const restart = () => {
      if (!cancelled) setAttempt((n) => n + 1);
    };
    const onFrame = () => {
      frames += 1;
      lastFrameAt = Date.now();
      box.current?.setAttribute('data-frames', String(frames));
    };
    const path = publicView ? `/api/public/cameras/${camera.id}/live` : `/api/cameras/${camera.id}/live`;
    api.post<LiveTicket>(path, format ? { format } : {}).then(
      (ticket) => {
        if (cancelled) return;
        setKind(ticket.format);
        setFailure(null);
        // Wait a frame so the <video>/<canvas> of the ticket's format is mounted.
        requestAnimationFrame(() => {
          if (cancelled) return;
          const url = wsUrl(ticket.url);
          if (ticket.format === 'mpegts' && video.current) player = playMpegts(video.current, url, onFrame, restart);
          else if (ticket.format === 'mpeg1' && canvas.current) player = playMpeg1(canvas.current, url, onFrame);
        });
      },
      (error: Error) => {
        if (cancelled) return;
        setFailure(error.message);
        setTimeout(restart, 5000);
      },
    );
    const watchdog = setInterval(() => {
      if (Date.now() - lastFrameAt > STALL_MS) restart();
    }, 5000);
    return () => {
      cancelled = true;
      clearInterval(watchdog);
      player?.destroy();
    };
  }, [camera.id, publicView, format, playable, attempt]);

  return (
    <div ref={box} className={`video-tile ${className ?? ''}`} data-camera={camera.id} data-frames="0">
      {kind === 'mpeg1' ? <canvas ref={canvas} /> : <video ref={video} muted playsInline />}
      <div className="video-tile-label">
        <span>{camera.name}</span>
        {camera.status !== 'online' && <span className="badge warn">{t(`cameraStatus.${camera.status}`)}</span>}
      </div>
      {!playable && <div className="video-tile-message">{t('cameraStatus.offline')}</div>}
      {failure && <div className="video-tile-message error">{failure}</div>}
      {children && <div className="video-tile-actions">{children}</div>}
    </div>
  );
}
