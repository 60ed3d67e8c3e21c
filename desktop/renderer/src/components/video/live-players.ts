// The two live players behind a tile: mpegts.js (H.264 passed through, decoded by the browser's Media
// Source Extensions into a <video>) and jsmpeg (MPEG-1 decoded in JavaScript onto a <canvas>). Both read the
// same-origin /live/ WebSocket a ticket names; a tile calls `onFrame` for each frame it shows, so a frozen
// or dead stream can be seen and restarted. Recordings play through mpegts.js too, as one seekable MPEG-TS
// resource over HTTP (range requests).
import JSMpeg from '@cycjimmy/jsmpeg-player';
import mpegts from 'mpegts.js';
import { LiveSocketLoader } from './live-socket-loader';

export interface LivePlayer {
  destroy(): void;
}

/** A player that fails to tear down (a decoder that never started) must not take the page down with it. */
function quietly(teardown: () => void): void {
  try {
    teardown();
  } catch (error) {
    console.warn('video player teardown failed', error);
  }
}

export function wsUrl(path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

export function playMpegts(video: HTMLVideoElement, url: string, onFrame: () => void, onError: () => void): LivePlayer {
  const player = mpegts.createPlayer(
    { type: 'mpegts', isLive: true, url },
    // The worker build of mpegts.js does not survive bundling; the main thread is fast enough for a tile.
    {
      enableWorker: false,
      liveBufferLatencyChasing: true,
      liveBufferLatencyMaxLatency: 3,
      lazyLoad: false,
      customLoader: LiveSocketLoader,
    },
  );
  player.attachMediaElement(video);
  player.on(mpegts.Events.ERROR, onError);
  player.load();
  video.muted = true;
  void video.play().catch(() => undefined);
  let handle = 0;
  let stopped = false;
  const frame = () => {
    if (stopped) return;
    onFrame();
    handle = video.requestVideoFrameCallback(frame);
  };
  handle = video.requestVideoFrameCallback(frame);
  return {
    destroy() {
      stopped = true;
      video.cancelVideoFrameCallback(handle);
      quietly(() => player.destroy());
    },
  };
}

interface JsmpegPlayer {
  destroy(): void;
}
type JsmpegPlayerConstructor = new (url: string, options: Record<string, unknown>) => JsmpegPlayer;

export function playMpeg1(canvas: HTMLCanvasElement, url: string, onFrame: () => void): LivePlayer {
  const Player: JsmpegPlayerConstructor = JSMpeg.Player;
  const player = new Player(url, {
    canvas,
    audio: false,
    autoplay: true,
    videoBufferSize: 1024 * 1024,
    onVideoDecode: onFrame,
  });
  return { destroy: () => quietly(() => player.destroy()) };
}

/**
 * A recorded range, `/api/cameras/:id/playback?from&to` (same origin, session cookie): MPEG-TS over HTTP,
 * not live, so mpegts.js buffers ahead and the <video> element's controls can pause and seek.
 */
export function playRecording(video: HTMLVideoElement, url: string, onError: (detail: string) => void): LivePlayer {
  const player = mpegts.createPlayer(
    { type: 'mpegts', isLive: false, url, withCredentials: true },
    { enableWorker: false, lazyLoad: false, seekType: 'range' },
  );
  player.attachMediaElement(video);
  player.on(mpegts.Events.ERROR, (type: string, detail: string) => onError(`${type}: ${detail}`));
  player.load();
  video.muted = true;
  void video.play().catch(() => undefined);
  return { destroy: () => quietly(() => player.destroy()) };
}
