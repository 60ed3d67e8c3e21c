// One ffmpeg per camera, supervised: it is restarted with capped backoff whenever it ends, killed when no new
// video frame arrived for the stall time (frames, not bytes: a camera can keep a session up and send nothing),
// and nothing it does — a bad binary, a refused connection, a crash — escapes as an exception.
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { Backoff } from './backoff';
import { spawnBound, terminate } from './child-process';
import { cameraPipelineArgs, isRtspUrl, type ElementaryCodec } from './ffmpeg';
import { JpegSplitter } from './jpeg-splitter';
import type { Logger } from './logger';
import type { AssignedCamera } from './protocol';
import { RateMeter } from './rate-meter';
import { rtspAnswers } from './rtsp-probe';
import { shanghaiMidnight } from './shanghai-time';

export type PipelineStatus = 'online' | 'offline' | 'frozen';

/** The ffmpeg this relay runs, resolved once at start. */
export interface FfmpegRuntime {
  path: string;
  /** Release major, null when `-version` did not run. */
  major: Promise<number | null>;
  /** TZ for ffmpeg, so `-strftime` day directories are Shanghai days. */
  timeZone: string;
}

/** Where the live MPEG-TS goes; returns the number of video frames that began in the chunk. */
export interface LiveInput {
  push(chunk: Buffer): number;
  discontinuity(): void;
}

export interface CameraPipelineOptions {
  camera: AssignedCamera;
  /** Set: the video is written to ffmpeg's stdin as this elementary stream (`writeFrame`), not pulled from the camera's URL. */
  elementaryStream?: ElementaryCodec;
  ffmpeg: FfmpegRuntime;
  live: LiveInput;
  /** Makes today's and tomorrow's day directories; returns the segment pattern, or null to run without recording. */
  prepareRecording: () => Promise<string | null>;
  segmentSeconds: number;
  stallSeconds: number;
  /** The zero of the live timestamps (shared across pipelines of the camera, so a URL change does not jump back). */
  liveEpochMs: number;
  onJpeg: (jpeg: Buffer, capturedAt: Date) => void;
  onStatus: (status: PipelineStatus, reason: string) => void;
  log: Logger;
}

const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 5_000;
/** A run that delivered frames this long earns a fresh backoff. */
const HEALTHY_RUN_MS = 60_000;
const WATCHDOG_MS = 250;
const STDERR_LINES_KEPT = 12;
/** Unread input above this (ffmpeg stuck) is not added to: about two seconds of a 4 Mbit/s camera. */
const MAX_STDIN_BACKLOG_BYTES = 1 << 20;
/** At most this many units wait for ffmpeg to start (two seconds at 25 fps). */
const MAX_WAITING_UNITS = 50;

/**
 * ffmpeg's words without the camera's address: it carries credentials and is a secret of the relay, while these
 * lines go to the log and, as the reason of a status, to the server.
 */
export function withoutSecrets(line: string, url: string): string {
  return line.replaceAll(url, '<camera>').replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}

interface Run {
  child: ChildProcess;
  startedAt: number;
  firstFrameAt: number | null;
  lastFrameAt: number | null;
  /** ffmpeg printed "Input #0": it connected and found the streams. */
  connected: boolean;
  stalled: boolean;
  ended: boolean;
  stderrTail: string[];
}

export class CameraPipeline {
  private readonly backoff = new Backoff(INITIAL_BACKOFF_MS, MAX_BACKOFF_MS);
  private readonly frameRate = new RateMeter();
  private run: Run | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private stopped = true;
  private lastFrameAt: number | null = null;
  /** Elementary stream units from the newest keyframe, while no ffmpeg runs to take them. */
  private waitingUnits: Buffer[] | null = null;
  status: PipelineStatus | null = null;

  constructor(private readonly options: CameraPipelineOptions) {}

  get fps(): number {
    return this.frameRate.perSecond();
  }

  get pid(): number | undefined {
    return this.run && !this.run.ended ? this.run.child.pid : undefined;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.watchdog = setInterval(() => this.checkForStall(), WATCHDOG_MS);
    void this.launch();
  }

  /** Ends ffmpeg (SIGTERM, then SIGKILL after 2 s, so the open segment is finalised) and stops restarting. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.restartTimer = null;
    this.watchdog = null;
    if (this.run && !this.run.ended) await terminate(this.run.child);
  }

  /**
   * One access unit of the elementary stream (pipelines with `elementaryStream` only), written as it arrives:
   * ffmpeg stamps it with its arrival. Between runs, and while ffmpeg is too far behind, units are dropped;
   * the next keyframe picks the picture up again.
   */
  writeFrame(accessUnit: Buffer, keyframe: boolean): void {
    const stdin = this.run && !this.run.ended ? this.run.child.stdin : null;
    if (!stdin) {
      this.keepUntilLaunched(accessUnit, keyframe);
      return;
    }
    if (stdin.destroyed || !stdin.writable || stdin.writableLength > MAX_STDIN_BACKLOG_BYTES) return;
    stdin.write(accessUnit);
  }

  /** Units that came before ffmpeg started: those from the newest keyframe on, so its first picture is at hand. */
  private keepUntilLaunched(accessUnit: Buffer, keyframe: boolean): void {
    if (keyframe) this.waitingUnits = [];
    if (!this.waitingUnits) return;
    this.waitingUnits.push(accessUnit);
    if (this.waitingUnits.length > MAX_WAITING_UNITS) this.waitingUnits = null;
  }

  private async launch(): Promise<void> {
    const { camera, ffmpeg, log } = this.options;
    const major = (await ffmpeg.major) ?? 4;
    let recordingPattern: string | null = null;
    try {
      recordingPattern = await this.options.prepareRecording();
    } catch (error) {
      log.error({ err: error, cameraId: camera.id }, 'cannot prepare the recording directory; running live only');
    }
    if (this.stopped) return;

    const now = Date.now();
    const args = cameraPipelineArgs({
      url: camera.url,
      ...(this.options.elementaryStream ? { elementaryStream: this.options.elementaryStream } : {}),
      codec: camera.codec,
      ffmpegMajor: major,
      // Longer than the stall time, so the relay's own watchdog decides and can tell frozen from offline.
      socketTimeoutSeconds: Math.max(10, this.options.stallSeconds * 2),
      recordingPattern,
      segmentSeconds: this.options.segmentSeconds,
      recordingTsOffsetSeconds: (now - shanghaiMidnight(now)) / 1000,
      liveTsOffsetSeconds: (now - this.options.liveEpochMs) / 1000,
    });
    this.options.live.discontinuity();

    let child: ChildProcess;
    try {
      const stdin = this.options.elementaryStream ? 'pipe' : 'ignore';
      child = spawnBound(ffmpeg.path, args, { stdio: [stdin, 'pipe', 'pipe', 'pipe'], env: { ...process.env, TZ: ffmpeg.timeZone } });
    } catch (error) {
      this.ended(null, `cannot start ffmpeg: ${(error as Error).message}`);
      return;
    }
    const run: Run = {
      child,
      startedAt: now,
      firstFrameAt: null,
      lastFrameAt: null,
      connected: false,
      stalled: false,
      ended: false,
      stderrTail: [],
    };
    this.run = run;
    log.debug({ cameraId: camera.id, pid: child.pid }, 'camera ffmpeg started');
    for (const unit of this.waitingUnits ?? []) child.stdin?.write(unit);
    this.waitingUnits = null;

    const jpegs = new JpegSplitter();
    const [stdout, stderr, snapshots] = [child.stdout!, child.stderr!, child.stdio[3] as Readable];
    for (const stream of [stdout, stderr, snapshots, ...(child.stdin ? [child.stdin] : [])])
      stream.on('error', (error) => log.debug({ err: error, cameraId: camera.id }, 'ffmpeg pipe'));
    stdout.on('data', (chunk: Buffer) => {
      const frames = this.options.live.push(chunk);
      if (frames > 0) this.framesArrived(run, frames);
    });
    snapshots.on('data', (chunk: Buffer) => {
      for (const jpeg of jpegs.push(chunk)) this.options.onJpeg(jpeg, new Date());
    });
    stderr.setEncoding('utf8');
    stderr.on('data', (text: string) => {
      if (!run.connected && /^Input #0/m.test(text)) run.connected = true;
      for (const line of text.split('\n')) {
        if (line.trim()) run.stderrTail.push(withoutSecrets(line.trim(), camera.url).slice(0, 300));
      }
      run.stderrTail.splice(0, Math.max(0, run.stderrTail.length - STDERR_LINES_KEPT));
    });
    // 'error' alone (a missing binary) or 'close' alone may come: whichever is first ends the run.
    child.on('error', (error) => this.ended(run, `ffmpeg failed: ${error.message}`));
    child.on('close', (code, signal) => this.ended(run, `ffmpeg exited (${signal ?? code})`));
  }

  private framesArrived(run: Run, frames: number): void {
    const now = Date.now();
    run.firstFrameAt ??= now;
    run.lastFrameAt = now;
    this.lastFrameAt = now;
    this.frameRate.add(frames, now);
    if (run === this.run && !run.stalled) this.setStatus('online', 'frames arriving');
  }

  private ended(run: Run | null, why: string): void {
    if (run) {
      if (run.ended) return;
      run.ended = true;
    }
    const { camera, log } = this.options;
    const lastWords = run?.stderrTail.slice(-3).join(' | ') ?? '';
    log.info({ cameraId: camera.id, why, lastWords, stalled: run?.stalled ?? false }, 'camera ffmpeg ended');
    if (run && run.firstFrameAt !== null && (run.lastFrameAt ?? 0) - run.firstFrameAt >= HEALTHY_RUN_MS) this.backoff.reset();
    // A run that produced no frame and was not killed for a stall: the camera could not be reached (or the
    // connection dropped before any video), unless it connected and then went silent.
    if (!run || (run.firstFrameAt === null && !run.stalled)) {
      const reason = lastWords || why;
      if (run?.connected) this.setStatus('frozen', `connected but no video: ${reason}`);
      else this.setStatus('offline', reason);
    }
    if (this.stopped) return;
    const delay = this.backoff.next();
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopped) void this.launch();
    }, delay);
  }

  private checkForStall(): void {
    const run = this.run;
    const now = Date.now();
    const stallMs = this.options.stallSeconds * 1000;
    if (run && !run.ended) {
      if (run.stalled || now - (run.lastFrameAt ?? run.startedAt) <= stallMs) return;
      run.stalled = true;
      run.child.kill('SIGKILL');
      void this.classifyStall(run);
      return;
    }
    // Between runs: a camera that was online but has sent nothing for the stall time is offline.
    if (this.status === 'online' && now - (this.lastFrameAt ?? 0) > stallMs) this.setStatus('offline', 'no frames since ffmpeg ended');
  }

  /** No frame for the stall time while ffmpeg ran: frozen if the camera is still there, offline if not. */
  private async classifyStall(run: Run): Promise<void> {
    const { camera } = this.options;
    let frozen = run.connected;
    if (!frozen && isRtspUrl(camera.url)) frozen = await rtspAnswers(camera.url);
    else if (!frozen) frozen = run.firstFrameAt !== null;
    // Frames may have come back from a newer run while the camera was being probed.
    if (this.run !== run && this.run?.firstFrameAt != null) return;
    const seconds = this.options.stallSeconds;
    if (frozen) this.setStatus('frozen', `connected but no new frame for ${seconds} s`);
    else this.setStatus('offline', `no frame for ${seconds} s and the camera does not answer`);
  }

  private setStatus(status: PipelineStatus, reason: string): void {
    if (this.stopped || this.status === status) return;
    this.status = status;
    this.options.log.info({ cameraId: this.options.camera.id, status, reason }, 'camera pipeline status');
    this.options.onStatus(status, reason);
  }
}
