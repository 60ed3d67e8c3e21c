// A recording played from the school's device (GB/T 28181 `s=Playback` with `t=<start> <end>`): its access
// units go through an ffmpeg into MPEG-TS for the player, which reads it as it comes. The device is paused
// (INFO MANSRTSP PAUSE) while the player reads nothing (it has buffered enough, or the viewer paused) and
// resumed when it reads again; speed and seek are INFO PLAY with Scale or Range. The device hangs up at the
// end of the range; the MPEG-TS ends with it.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { spawnBound, terminate } from '../child-process';
import { devicePlaybackArgs } from '../ffmpeg';
import type { Logger } from '../logger';
import type { EsFrame, GbMedia, PlaybackCommand } from './media-ports';
import { openMediaSession, type MediaSession } from './media-session';

/** Frames kept to learn the frame rate from their PTS before ffmpeg starts. */
const RATE_PROBE_FRAMES = 4;
const DEFAULT_FRAME_RATE = 25;
/** Unsent bytes to the player above which the device is paused. */
const PAUSE_ABOVE_BYTES = 4 << 20;

export type PlaybackControl = { action: 'pause' } | { action: 'play'; scale?: number; seekSeconds?: number };

/** Frames per second from the PTS steps of the first frames (90 kHz); 25 when they carry none. */
export function frameRateOf(frames: EsFrame[]): number {
  const steps: number[] = [];
  for (let i = 1; i < frames.length; i++) {
    const [previous, current] = [frames[i - 1]?.pts, frames[i]?.pts];
    if (previous !== undefined && current !== undefined && current > previous) steps.push(current - previous);
  }
  if (steps.length === 0) return DEFAULT_FRAME_RATE;
  const step = steps.sort((a, b) => a - b)[Math.floor(steps.length / 2)]!;
  const rate = Math.round(90_000 / step);
  return rate >= 1 && rate <= 60 ? rate : DEFAULT_FRAME_RATE;
}

export interface DevicePlaybackOptions {
  gb: GbMedia;
  ffmpegPath: string;
  cameraId: string;
  deviceId: string;
  channelId: string;
  from: Date;
  to: Date;
  /** Where the MPEG-TS goes (the HTTP response). Ended when the recording ends. */
  output: Writable;
  log: Logger;
}

export class DevicePlayback {
  readonly id = randomUUID();
  private session: MediaSession | null = null;
  private child: ChildProcess | null = null;
  private probe: EsFrame[] = [];
  private cseq = 0;
  private devicePaused = false;
  private viewerPaused = false;
  private closed = false;

  private constructor(private readonly options: DevicePlaybackOptions) {}

  /** INVITEs the range; rejects with the device's refusal. */
  static async start(options: DevicePlaybackOptions): Promise<DevicePlayback> {
    const playback = new DevicePlayback(options);
    const { gb, deviceId, channelId, from, to } = options;
    playback.session = await openMediaSession(gb, { deviceId, channelId, mode: 'playback', start: from, end: to }, (frame) =>
      playback.frame(frame),
    );
    void playback.session.ended.then((why) => playback.finish(why));
    options.output.on('close', () => void playback.close());
    return playback;
  }

  async control(command: PlaybackControl): Promise<void> {
    if (command.action === 'pause') {
      this.viewerPaused = true;
      await this.send({ action: 'PAUSE', cseq: ++this.cseq });
      return;
    }
    this.viewerPaused = false;
    await this.send({
      action: 'PLAY',
      cseq: ++this.cseq,
      ...(command.scale !== undefined ? { scale: command.scale } : {}),
      ...(command.seekSeconds !== undefined ? { rangeStartSeconds: command.seekSeconds } : {}),
    });
  }

  /** BYE (unless the device hung up), ffmpeg ended, the output ended. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session?.close();
    if (this.child) await terminate(this.child, 1_000);
    if (!this.options.output.writableEnded) this.options.output.end();
  }

  private async send(command: PlaybackCommand): Promise<void> {
    if (!this.session || this.closed) return;
    await this.session.dialog.info(command);
  }

  private frame(frame: EsFrame): void {
    if (this.closed) return;
    if (!this.child) {
      this.probe.push(frame);
      if (this.probe.length < RATE_PROBE_FRAMES) return;
      this.startFfmpeg(frame.codec, frameRateOf(this.probe));
      for (const kept of this.probe) this.child!.stdin?.write(kept.data);
      this.probe = [];
      return;
    }
    this.child.stdin?.write(frame.data);
  }

  private startFfmpeg(codec: EsFrame['codec'], framesPerSecond: number): void {
    const { ffmpegPath, output, cameraId, log } = this.options;
    const child = spawnBound(ffmpegPath, devicePlaybackArgs(codec, framesPerSecond), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    for (const stream of [child.stdin!, child.stdout!, child.stderr!]) stream.on('error', () => undefined);
    child.on('error', (error) => {
      log.warn({ err: error, cameraId }, 'device playback ffmpeg failed');
      void this.close();
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => (stderr = (stderr + text).slice(-500)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (output.writableEnded) return;
      output.write(chunk);
      if (output.writableLength > PAUSE_ABOVE_BYTES && !this.devicePaused) this.pauseForPlayer();
    });
    child.stdout!.on('end', () => {
      if (stderr.trim()) log.debug({ cameraId, stderr: stderr.trim() }, 'device playback ffmpeg said');
      void this.close();
    });
  }

  /** The player reads nothing for now: pause the device until it has taken what was sent. */
  private pauseForPlayer(): void {
    this.devicePaused = true;
    void this.send({ action: 'PAUSE', cseq: ++this.cseq }).catch(() => undefined);
    this.options.output.once('drain', () => {
      this.devicePaused = false;
      if (!this.viewerPaused) void this.send({ action: 'PLAY', cseq: ++this.cseq }).catch(() => undefined);
    });
  }

  /** The device ended the range (or the call broke): ffmpeg gets the end of its input and ends the MPEG-TS. */
  private finish(why: string): void {
    this.options.log.info({ cameraId: this.options.cameraId, why }, 'device playback ended');
    if (this.child) this.child.stdin?.end();
    else void this.close();
  }
}
