// Everything the relay runs for one camera: its ffmpeg pipeline, its live stream and viewers, a transcoder
// per transcoded format while someone watches in it, the newest JPEG, and its health. Viewers belong to the
// camera, not to an ffmpeg run, so their sockets stay open across restarts and the video resumes by itself.
// An RTSP camera runs always (pulled and recorded continuously), or, pulled on demand, only while held
// (`acquire`: a viewer, a snapshot for detection, an evidence clip), recording what it pulls; while nobody holds
// it, its status is whether it answers RTSP. A GB/T 28181 channel runs while held: its video comes from the
// device's call (`gb/live-on-demand.ts`) into ffmpeg's stdin; while nobody holds it, its status follows the
// device's registration and the channel's catalog state.
import type { WebSocket } from 'ws';
import { CameraHealthTracker, type HealthChange } from './camera-health';
import { CameraPipeline, type FfmpegRuntime, type PipelineStatus } from './camera-pipeline';
import { LiveStream } from './live-stream';
import { LiveViewer } from './live-viewer';
import type { Logger } from './logger';
import type { TranscodedFormat } from './ffmpeg';
import { Holds } from './holds';
import { rtspAnswers } from './rtsp-probe';

import { LiveOnDemand, type HoldPurpose } from './gb/live-on-demand';
import type { EsFrame, GbChannelEvent, GbDeviceEvent, GbMedia } from './gb/media-ports';
import { LiveTranscoder } from './live-transcoder';
import { SubStream } from './sub-stream';
import { captureOneShot } from './one-shot-snapshot';
import { judgePicture, measurePicture } from './picture-health';
import { parseGbCameraUrl, type AssignedCamera, type CameraReport, type CameraStatusReport, type LiveFormat } from './protocol';
import { VIDEO_STREAM_TYPES } from './ts-packets';
import type { RecordingStore } from './recording-store';

export interface CameraSettings {
  segmentSeconds: number;
  stallSeconds: number;
  healthSeconds: number;
  /** A viewer with more unsent bytes than this is skipped to the next keyframe. */
  maxBacklogBytes: number;
  maxGopBytes: number;
  /** How RTSP cameras are pulled: always (and recorded), or only while held. Unset: continuous. */
  rtspPull?: RtspPull;
  /** On demand: how long the pull goes on after the last hold is released. */
  rtspIdleSeconds?: number;
}

export type RtspPull = 'continuous' | 'on-demand';

export interface CameraDeps {
  ffmpeg: FfmpegRuntime;
  store: RecordingStore;
  /** False while recording is stopped (the disk is nearly full): ffmpegs then start without the recording output. */
  recordingAllowed: () => boolean;
  settings: CameraSettings;
  log: Logger;
  onStatus: (cameraId: string, report: CameraStatusReport) => void;
  /** The relay's GB/T 28181 side; null when it runs none (GB cameras then show offline). */
  gb?: GbMedia | null;
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
/** A snapshot of a GB channel keeps its call up this long (the detection sampler asks every few seconds). */
const SNAPSHOT_HOLD_MS = 10_000;
/** How long a snapshot of an idle GB channel waits for the call's first picture. */
const SNAPSHOT_WAIT_MS = 8_000;
/** An idle RTSP camera pulled on demand is asked whether it answers this often (an OPTIONS, not a pull). */
const IDLE_PROBE_MS = 60_000;

export class Camera {
  readonly live: LiveStream;
  private pipeline: CameraPipeline;
  private readonly transcoders = new Map<TranscodedFormat, LiveTranscoder>();
  /** Set for a GB/T 28181 channel: its live call, made while held. */
  private readonly onDemand: LiveOnDemand | null;
  /** Set for an RTSP camera pulled on demand: who holds it. */
  private readonly rtspHolds: Holds | null;
  private nextProbeAt = 0;
  private probing = false;
  private observedCodec: EsFrame['codec'] | undefined;
  private readonly unsubscribe: () => void = () => undefined;
  /** The sub-stream for grid tiles: an RTSP camera's `substreamUrl`, or a GB channel's stream number 1. */
  private readonly subStream: SubStream | null;
  private readonly viewers = new Map<LiveViewer, LiveFormat>();
  private readonly health: CameraHealthTracker;
  private newest: Frame | null = null;
  private lastSampledAt = 0;
  private onlineSince = 0;
  private sampling = false;
  private ticker: NodeJS.Timeout | null = null;
  private readonly liveEpochMs = Date.now();
  /** A GB channel's ffmpeg is running (a call is up or was up moments ago). */
  private pipelineRunning = false;
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
    const channel = parseGbCameraUrl(config.url);
    this.onDemand = channel && deps.gb ? this.createOnDemand(deps.gb, channel.deviceId, channel.channelId) : null;
    if (this.onDemand && deps.gb) this.unsubscribe = this.followDevice(deps.gb, channel!.deviceId, channel!.channelId);
    this.rtspHolds = !channel && deps.settings.rtspPull === 'on-demand' ? this.createRtspHolds() : null;
    const subSource =
      channel && deps.gb
        ? { kind: 'gb' as const, gb: deps.gb, ...channel }
        : config.substreamUrl
          ? { kind: 'rtsp' as const, url: config.substreamUrl }
          : null;
    this.subStream = subSource
      ? new SubStream({
          camera: config,
          source: subSource,
          ffmpeg: deps.ffmpeg,
          stallSeconds: deps.settings.stallSeconds,
          maxBacklogBytes: deps.settings.maxBacklogBytes,
          maxGopBytes: deps.settings.maxGopBytes,
          log: deps.log,
        })
      : null;
  }

  get id(): string {
    return this.config.id;
  }

  get url(): string {
    return this.config.url;
  }

  /** What the server assigned (the URL may have changed since). */
  get assigned(): AssignedCamera {
    return this.config;
  }

  get codec(): AssignedCamera['codec'] {
    return this.config.codec;
  }

  /** A GB/T 28181 channel (live on demand), not an RTSP camera. */
  get isGb(): boolean {
    return parseGbCameraUrl(this.config.url) !== null;
  }

  /** H.264 is passed through; H.265 transcoded to H.264 (every browser plays it); anything else MPEG-1. */
  get defaultFormat(): LiveFormat {
    if (this.config.codec === 'h264') return 'mpegts';
    return this.config.codec === 'h265' ? 'h264' : 'mpeg1';
  }

  /** `mpegts` passes H.264 or H.265 through untouched; `h264` is made from H.265; MPEG-1 from anything. */
  offers(format: LiveFormat): boolean {
    const { codec } = this.config;
    if (format === 'mpegts') return codec === 'h264' || codec === 'h265';
    if (format === 'h264') return codec === 'h265';
    return true;
  }

  start(): void {
    if (this.onDemand) this.followIdleChannel();
    else if (this.rtspHolds) this.nextProbeAt = Date.now() + Math.random() * this.deps.settings.healthSeconds * 1000;
    else if (this.isGb) this.pipelineStatus('offline', 'this relay runs no GB/T 28181 server');
    else this.pipeline.start();
    this.ticker = setInterval(() => this.tick(), TICK_MS);
  }

  /**
   * Holds the camera's live video until the returned function is called. An RTSP camera pulled continuously
   * runs always (nothing to do); one pulled on demand starts on the first hold, a GB channel is called on it;
   * both stop a grace period after the last release.
   */
  acquire(purpose: HoldPurpose): () => void {
    if (this.onDemand) return this.onDemand.acquire(purpose);
    return this.rtspHolds ? this.rtspHolds.acquire(purpose) : () => undefined;
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
        // An RTSP camera pulled on demand and held by nobody stays idle; its next hold starts the new pipeline.
        if (this.stopped || (this.rtspHolds && !this.rtspHolds.active)) return;
        this.pipeline = this.createPipeline();
        this.pipeline.start();
      })
      .catch((error: unknown) => this.deps.log.error({ err: error, cameraId: this.id }, 'restarting the camera’s ffmpeg failed'));
    return this.restarts;
  }

  async stop(closeReason = 'camera removed from this relay'): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    this.unsubscribe();
    this.rtspHolds?.stop();
    for (const viewer of this.viewers.keys()) viewer.socket.close(1001, closeReason);
    const transcoders = [...this.transcoders.values()];
    this.transcoders.clear();
    await Promise.all([
      this.onDemand?.stop(),
      this.subStream?.stop(),
      this.pipeline.stop(),
      ...transcoders.map((transcoder) => transcoder.stop()),
    ]);
  }

  /**
   * A live viewer. `sub`: a grid tile asking for the sub-stream, given it where the camera has one and the
   * format passes the camera's video through (the transcoded formats are made from the main stream).
   */
  addViewer(socket: WebSocket, format: LiveFormat, subject: string | undefined, sub = false): void {
    const onSubStream = sub && format === 'mpegts' && this.subStream !== null;
    const stream = onSubStream ? this.subStream! : format === 'mpegts' ? this.live : this.transcodedStream(format);
    const viewer = new LiveViewer(socket, stream);
    this.viewers.set(viewer, format);
    // The sub-stream holds its own call; the main stream is held for everyone else.
    const release = onSubStream ? () => undefined : this.acquire('viewer');
    const { log } = this.deps;
    socket.on('error', (error) => log.debug({ err: error, cameraId: this.id }, 'viewer socket error'));
    socket.once('close', () => {
      viewer.detach();
      this.viewers.delete(viewer);
      release();
      log.info({ cameraId: this.id, format, subject, viewers: this.viewers.size }, 'viewer left');
      if (format !== 'mpegts') void this.stopIdleTranscoder(format);
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
      if (this.onDemand || this.rtspHolds) setTimeout(this.acquire('snapshot'), SNAPSHOT_HOLD_MS);
      return { ...kept, source: 'stream' };
    }
    if (this.onDemand) return this.snapshotFromCall();
    // Pulled on demand: the snapshot holds the camera a while (the sampler's next one then comes from the
    // stream) and is answered at once by a one-shot.
    if (this.rtspHolds) setTimeout(this.acquire('snapshot'), SNAPSHOT_HOLD_MS);
    this.oneShot ??= captureOneShot(this.deps.ffmpeg, this.config.url).finally(() => (this.oneShot = null));
    const jpeg = await this.oneShot;
    return jpeg ? { jpeg, capturedAt: new Date(), source: 'one-shot' } : null;
  }

  report(): CameraReport {
    // A camera watched only in grid tiles shows its codec through its sub-stream: the server then knows an
    // H.265 channel as such and offers browsers that cannot play it the H.264 transcode.
    const codec = this.observedCodec ?? codecOfStreamType(this.live.videoStreamType) ?? this.subStream?.observedCodec;
    return {
      id: this.id,
      status: this.health.status ?? 'offline',
      fps: this.pipeline.fps,
      viewers: this.viewers.size,
      ...(codec ? { codec } : {}),
    };
  }

  /** What /health shows beyond the report: backlog and drops of the live streams, the children's pids. */
  details() {
    const transcoders = [...this.transcoders.values()];
    const streams = [this.live, ...transcoders.map((transcoder) => transcoder.output)];
    return {
      ...this.report(),
      pipeline: this.pipeline.status,
      ffmpegPid: this.pipeline.pid ?? null,
      transcoderPid: transcoders[0]?.pid ?? null,
      holds: this.onDemand?.holdCount ?? this.rtspHolds?.count ?? null,
      called: this.onDemand?.active ?? this.rtspHolds?.active ?? null,
      picture: this.health.measure,
      droppedToKeyframe: streams.reduce((sum, stream) => sum + stream.drops, 0),
      largestBacklogBytes: Math.max(...streams.map((stream) => stream.largestBacklogBytes())),
      peakBacklogBytes: Math.max(...streams.map((stream) => stream.peakBacklogBytes)),
    };
  }

  /** The camera's ffmpeg; a GB channel's reads the elementary stream of `codec` on stdin and records nothing. */
  private createPipeline(elementaryStream?: EsFrame['codec']): CameraPipeline {
    const { ffmpeg, store, settings, log, recordingAllowed } = this.deps;
    return new CameraPipeline({
      camera: this.config,
      ...(elementaryStream ? { elementaryStream } : {}),
      ffmpeg,
      live: this.live,
      prepareRecording: async () => {
        // GB/T 28181 video stays on the school's recorder (recordings come from it on demand).
        if (!recordingAllowed() || elementaryStream) return null;
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

  private transcodedStream(format: TranscodedFormat): LiveStream {
    let transcoder = this.transcoders.get(format);
    if (!transcoder) {
      const { ffmpeg, settings, log } = this.deps;
      transcoder = new LiveTranscoder({
        cameraId: this.id,
        format,
        ffmpegPath: ffmpeg.path,
        source: this.live,
        maxBacklogBytes: settings.maxBacklogBytes,
        maxGopBytes: settings.maxGopBytes,
        log,
      });
      this.transcoders.set(format, transcoder);
      transcoder.start();
    }
    return transcoder.output;
  }

  private async stopIdleTranscoder(format: TranscodedFormat): Promise<void> {
    const transcoder = this.transcoders.get(format);
    if (!transcoder || transcoder.output.sinkCount > 0) return;
    this.transcoders.delete(format);
    await transcoder.stop();
  }

  private createRtspHolds(): Holds {
    return new Holds({
      idleMs: (this.deps.settings.rtspIdleSeconds ?? 15) * 1000,
      onFirst: () => void this.restarts.then(() => !this.stopped && this.pipeline.start()),
      onIdle: () => void this.rtspIdle(),
    });
  }

  /** Nobody holds the camera any longer: ffmpeg ends (its open segment finalised); the status is probed again. */
  private async rtspIdle(): Promise<void> {
    await this.pipeline.stop();
    this.live.discontinuity();
    this.nextProbeAt = Date.now();
  }

  /** An idle RTSP camera pulled on demand: online while it answers RTSP (nothing is pulled to tell). */
  private async probeIdle(): Promise<void> {
    this.probing = true;
    this.nextProbeAt = Date.now() + IDLE_PROBE_MS;
    try {
      const answers = await rtspAnswers(this.config.url);
      if (this.stopped || this.rtspHolds?.active) return;
      this.pipelineStatus(answers ? 'online' : 'offline', answers ? 'the camera answers; pulled on demand' : 'the camera does not answer');
    } finally {
      this.probing = false;
    }
  }

  private createOnDemand(gb: GbMedia, deviceId: string, channelId: string): LiveOnDemand {
    return new LiveOnDemand({
      cameraId: this.id,
      deviceId,
      channelId,
      streamNumber: 0,
      gb,
      stallSeconds: this.deps.settings.stallSeconds,
      onFrame: (frame) => this.gbFrame(frame),
      onTrouble: (reason) => this.pipelineStatus('offline', reason),
      onIdle: () => void this.gbIdle(),
      log: this.deps.log,
    });
  }

  /** A frame of the GB call: into ffmpeg's stdin, started (again) for the codec the frames carry. */
  private gbFrame(frame: EsFrame): void {
    if (this.stopped) return;
    if (!this.pipelineRunning || frame.codec !== this.observedCodec) this.startGbPipeline(frame.codec);
    this.pipeline.writeFrame(frame.data, frame.keyframe);
  }

  private startGbPipeline(codec: EsFrame['codec']): void {
    this.observedCodec = codec;
    const previous = this.pipeline;
    this.pipeline = this.createPipeline(codec);
    this.pipelineRunning = true;
    this.pipeline.start();
    void previous.stop();
  }

  /** The call was hung up after the grace: ffmpeg ends, and the status follows the device again. */
  private async gbIdle(): Promise<void> {
    const pipeline = this.pipeline;
    this.pipelineRunning = false;
    this.pipeline = this.createPipeline(this.observedCodec);
    // The cached pictures are of a call that ended: the next viewer waits for the new call's first keyframe
    // (forgotten again once the old ffmpeg has flushed its last output).
    this.live.discontinuity();
    await pipeline.stop();
    if (!this.pipelineRunning) this.live.discontinuity();
    if (!this.stopped) this.followIdleChannel();
  }

  /** While idle, the status is the device's registration and the channel's catalog state. */
  private followIdleChannel(): void {
    const channel = parseGbCameraUrl(this.config.url);
    if (!channel || !this.deps.gb || this.pipelineRunning) return;
    const online = this.deps.gb.signalling.channelOnline(channel.deviceId, channel.channelId);
    this.pipelineStatus(
      online ? 'online' : 'offline',
      online ? 'the device is registered and the channel is on' : 'the device or the channel is offline',
    );
  }

  private followDevice(gb: GbMedia, deviceId: string, channelId: string): () => void {
    const onDevice = (device: GbDeviceEvent) => {
      if (device.deviceId === deviceId) this.followIdleChannel();
    };
    const onChannel = (device: string, channel: GbChannelEvent) => {
      if (device === deviceId && channel.channelId === channelId) this.followIdleChannel();
    };
    gb.signalling.on('device', onDevice);
    gb.signalling.on('channel', onChannel);
    return () => {
      gb.signalling.off('device', onDevice);
      gb.signalling.off('channel', onChannel);
    };
  }

  /** An idle GB channel's picture: the call is made, its first JPEG awaited, and the call held a while longer. */
  private async snapshotFromCall(): Promise<Snapshot | null> {
    const asked = Date.now();
    const release = this.acquire('snapshot');
    setTimeout(release, SNAPSHOT_HOLD_MS);
    while (Date.now() - asked < SNAPSHOT_WAIT_MS && !this.stopped) {
      const kept = this.newest;
      if (kept && kept.capturedAt.getTime() >= asked) return { ...kept, source: 'stream' };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
  }

  private tick(): void {
    this.health.tick();
    const now = Date.now();
    if (this.rtspHolds && !this.rtspHolds.active && !this.probing && now >= this.nextProbeAt) void this.probeIdle();
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

/** The codec of the live stream's video as the PMT names it (H.264 and H.265 only: what the server records). */
function codecOfStreamType(streamType: number): EsFrame['codec'] | undefined {
  const name = VIDEO_STREAM_TYPES.get(streamType);
  if (name === 'h264') return 'h264';
  return name === 'hevc' ? 'h265' : undefined;
}
