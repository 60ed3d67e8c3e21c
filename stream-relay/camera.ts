// Everything the relay runs for one camera: its ffmpeg pipeline, its live stream and viewers, the MPEG-1
// transcoder while someone watches in MPEG-1, the newest JPEG, and its health. Viewers belong to the camera,
// not to an ffmpeg run, so their sockets stay open across restarts and the video resumes by itself.
import type { WebSocket } from 'ws';
import { CameraHealthTracker, type HealthChange } from './camera-health';
import { CameraPipeline, type FfmpegRuntime, type PipelineStatus } from './camera-pipeline';
import { LiveStream } from './live-stream';
import { LiveViewer } from './live-viewer';
import type { Logger } from './logger';
import { Mpeg1Transcoder } from './mpeg1-transcoder';
import { captureOneShot } from './one-shot-snapshot';
import { judgePicture, measurePicture } from './picture-health';
import type { AssignedCamera, CameraReport, CameraStatusReport, LiveFormat } from './protocol';
import type { RecordingStore } from './recording-store';

export interface CameraSettings {
  segmentSeconds: number;
  stallSeconds: number;
  healthSeconds: number;
  /** A viewer with more unsent bytes than this is skipped to the next keyframe. */
  maxBacklogBytes: number;
  maxGopBytes: number;
}

export interface CameraDeps {
  ffmpeg: FfmpegRuntime;
  store: RecordingStore;
  /** False while recording is stopped (the disk is nearly full): ffmpegs then start without the recording output. */
  recordingAllowed: () => boolean;
  settings: CameraSettings;
  log: Logger;
  onStatus: (cameraId: string, report: CameraStatusReport) => void;
}

export interface Frame {
  jpeg: Buffer;
  capturedAt: Date;
}

export interface Snapshot extends Frame {
  source: 'stream' | 'one-shot';
}

/** A kept frame older than this is not offered as the camera's current picture. */
const CURRENT_FRAME_MAX_AGE_MS = 15_000;

const TICK_MS = 500;

export class Camera {
  readonly live: LiveStream;
  private pipeline: CameraPipeline;
  private transcoder: Mpeg1Transcoder | null = null;
  private readonly viewers = new Map<LiveViewer, LiveFormat>();
  private readonly health: CameraHealthTracker;
  private newest: Frame | null = null;
  private lastSampledAt = 0;
  private onlineSince = 0;
  private sampling = false;
  private ticker: NodeJS.Timeout | null = null;
  private readonly liveEpochMs = Date.now();
  private oneShot: Promise<Buffer | null> | null = null;
  private stopped = false;
  private restarts: Promise<void> = Promise.resolve();

  constructor(
    private config: AssignedCamera,
    private readonly deps: CameraDeps,
  ) {
    this.live = new LiveStream({ maxBacklogBytes: deps.settings.maxBacklogBytes, maxGopBytes: deps.settings.maxGopBytes });
    this.health = new CameraHealthTracker((change) => this.reportChange(change));
    this.pipeline = this.createPipeline();
  }

  get id(): string {
    return this.config.id;
  }

  get url(): string {
    return this.config.url;
  }

  get codec(): AssignedCamera['codec'] {
    return this.config.codec;
  }

  /** H.264 is passed through; anything else is offered only as MPEG-1. */
  get defaultFormat(): LiveFormat {
    return this.config.codec === 'h264' ? 'mpegts' : 'mpeg1';
  }

  offers(format: LiveFormat): boolean {
    return format === 'mpeg1' || this.config.codec === 'h264';
  }

  start(): void {
    this.pipeline.start();
    this.ticker = setInterval(() => this.tick(), TICK_MS);
  }

  /** A new address for the same camera: a new ffmpeg, same viewers. */
  async changeUrl(url: string): Promise<void> {
    this.config = { ...this.config, url };
    await this.restartPipeline();
  }

  /**
   * A new ffmpeg with the same viewers, e.g. with or without the recording output once recording stops or
   * resumes. Restarts run one after another, so two at once (a new address while recording stops) never
   * leave a second ffmpeg running unseen.
   */
  restartPipeline(): Promise<void> {
    this.restarts = this.restarts
      .then(async () => {
        await this.pipeline.stop();
        if (this.stopped) return;
        this.pipeline = this.createPipeline();
        this.pipeline.start();
      })
      .catch((error: unknown) => this.deps.log.error({ err: error, cameraId: this.id }, 'restarting the camera’s ffmpeg failed'));
    return this.restarts;
  }

  async stop(closeReason = 'camera removed from this relay'): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    for (const viewer of this.viewers.keys()) viewer.socket.close(1001, closeReason);
    await Promise.all([this.pipeline.stop(), this.transcoder?.stop()]);
    this.transcoder = null;
  }

  addViewer(socket: WebSocket, format: LiveFormat, subject: string | undefined): void {
    const stream = format === 'mpeg1' ? this.mpeg1Stream() : this.live;
    const viewer = new LiveViewer(socket, stream);
    this.viewers.set(viewer, format);
    const { log } = this.deps;
    socket.on('error', (error) => log.debug({ err: error, cameraId: this.id }, 'viewer socket error'));
    socket.once('close', () => {
      viewer.detach();
      this.viewers.delete(viewer);
      log.info({ cameraId: this.id, format, subject, viewers: this.viewers.size }, 'viewer left');
      if (format === 'mpeg1') void this.stopIdleTranscoder();
    });
    viewer.attach();
    log.info({ cameraId: this.id, format, subject, viewers: this.viewers.size }, 'viewer joined');
  }

  /**
   * The camera's current picture: the newest JPEG kept from the running stream (about a millisecond), else
   * one JPEG fetched from the camera by a one-shot ffmpeg (shared by concurrent requests), else null.
   */
  async snapshot(): Promise<Snapshot | null> {
    const kept = this.newest;
    if (kept && this.pipeline.status === 'online' && Date.now() - kept.capturedAt.getTime() <= CURRENT_FRAME_MAX_AGE_MS) {
      return { ...kept, source: 'stream' };
    }
    this.oneShot ??= captureOneShot(this.deps.ffmpeg, this.config.url).finally(() => (this.oneShot = null));
    const jpeg = await this.oneShot;
    return jpeg ? { jpeg, capturedAt: new Date(), source: 'one-shot' } : null;
  }

  report(): CameraReport {
    return { id: this.id, status: this.health.status ?? 'offline', fps: this.pipeline.fps, viewers: this.viewers.size };
  }

  /** What /health shows beyond the report: backlog and drops of the live streams, the children's pids. */
  details() {
    const streams = [this.live, ...(this.transcoder ? [this.transcoder.output] : [])];
    return {
      ...this.report(),
      pipeline: this.pipeline.status,
      ffmpegPid: this.pipeline.pid ?? null,
      transcoderPid: this.transcoder?.pid ?? null,
      picture: this.health.measure,
      droppedToKeyframe: streams.reduce((sum, stream) => sum + stream.drops, 0),
      largestBacklogBytes: Math.max(...streams.map((stream) => stream.largestBacklogBytes())),
      peakBacklogBytes: Math.max(...streams.map((stream) => stream.peakBacklogBytes)),
    };
  }

  private createPipeline(): CameraPipeline {
    const { ffmpeg, store, settings, log, recordingAllowed } = this.deps;
    return new CameraPipeline({
      camera: this.config,
      ffmpeg,
      live: this.live,
      prepareRecording: async () => {
        if (!recordingAllowed()) return null;
        await store.prepareDays(this.id);
        return store.segmentPattern(this.id);
      },
      segmentSeconds: settings.segmentSeconds,
      stallSeconds: settings.stallSeconds,
      liveEpochMs: this.liveEpochMs,
      onJpeg: (jpeg, capturedAt) => (this.newest = { jpeg, capturedAt }),
      onStatus: (status, reason) => this.pipelineStatus(status, reason),
      log,
    });
  }

  private pipelineStatus(status: PipelineStatus, reason: string): void {
    if (status === 'online') this.onlineSince = Date.now();
    this.health.setPipeline(status, reason);
  }

  private mpeg1Stream(): LiveStream {
    if (!this.transcoder) {
      const { ffmpeg, settings, log } = this.deps;
      this.transcoder = new Mpeg1Transcoder({
        cameraId: this.id,
        ffmpegPath: ffmpeg.path,
        source: this.live,
        maxBacklogBytes: settings.maxBacklogBytes,
        maxGopBytes: settings.maxGopBytes,
        log,
      });
      this.transcoder.start();
    }
    return this.transcoder.output;
  }

  private async stopIdleTranscoder(): Promise<void> {
    const transcoder = this.transcoder;
    if (!transcoder || transcoder.output.sinkCount > 0) return;
    this.transcoder = null;
    await transcoder.stop();
  }

  private tick(): void {
    this.health.tick();
    const now = Date.now();
    const frame = this.newest;
    const fresh = frame !== null && frame.capturedAt.getTime() >= this.onlineSince && frame.capturedAt.getTime() > this.lastSampledAt;
    const due = this.health.wantsFirstPicture || now - this.lastSampledAt >= this.deps.settings.healthSeconds * 1000;
    if (this.pipeline.status === 'online' && fresh && due && !this.sampling) void this.samplePicture(frame);
  }

  private async samplePicture(frame: Frame): Promise<void> {
    this.sampling = true;
    this.lastSampledAt = frame.capturedAt.getTime();
    try {
      const measure = await measurePicture(frame.jpeg);
      // The pipeline may have lost the camera while sharp worked.
      if (this.pipeline.status === 'online') this.health.addPicture(judgePicture(measure), measure);
    } catch (error) {
      this.deps.log.warn({ err: error, cameraId: this.id }, 'picture analysis failed');
    } finally {
      this.sampling = false;
    }
  }

  private reportChange(change: HealthChange): void {
    const { status, reason, measure } = change;
    const detail = {
      reason,
      fps: this.pipeline.fps,
      ...(measure ? { brightness: measure.brightness, sharpness: measure.sharpness } : {}),
    };
    this.deps.log.info({ cameraId: this.id, status, detail }, 'camera status');
    this.deps.onStatus(this.id, { status, observedAt: new Date().toISOString(), detail });
  }
}
