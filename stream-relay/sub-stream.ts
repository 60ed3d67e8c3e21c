// A camera's sub-stream, for grid tiles: an RTSP camera's second URL pulled by its own ffmpeg, or a GB/T 28181
// channel called with `a=streamnumber:1`, only while someone watches it (full screen, recordings, snapshots
// and health use the main stream). Its live MPEG-TS is fanned out like the main one.
import { CameraPipeline, type FfmpegRuntime } from './camera-pipeline';
import { LiveOnDemand } from './gb/live-on-demand';
import type { EsFrame, GbMedia } from './gb/media-ports';
import { LiveStream, type LiveSink } from './live-stream';
import type { Logger } from './logger';
import type { AssignedCamera } from './protocol';

export type SubStreamSource = { kind: 'rtsp'; url: string } | { kind: 'gb'; gb: GbMedia; deviceId: string; channelId: string };

export interface SubStreamOptions {
  camera: AssignedCamera;
  source: SubStreamSource;
  ffmpeg: FfmpegRuntime;
  stallSeconds: number;
  maxBacklogBytes: number;
  maxGopBytes: number;
  log: Logger;
}

export class SubStream {
  readonly live: LiveStream;
  private pipeline: CameraPipeline | null = null;
  private readonly onDemand: LiveOnDemand | null;
  private codec: EsFrame['codec'] | undefined;
  private readonly holds = new Map<LiveSink, () => void>();
  private readonly liveEpochMs = Date.now();

  constructor(private readonly options: SubStreamOptions) {
    this.live = new LiveStream({ maxBacklogBytes: options.maxBacklogBytes, maxGopBytes: options.maxGopBytes });
    const { source } = options;
    this.onDemand =
      source.kind === 'gb'
        ? new LiveOnDemand({
            cameraId: options.camera.id,
            deviceId: source.deviceId,
            channelId: source.channelId,
            streamNumber: 1,
            gb: source.gb,
            stallSeconds: options.stallSeconds,
            onFrame: (frame) => this.frame(frame),
            onTrouble: () => undefined,
            onIdle: () => void this.stopPipeline(),
            log: options.log,
          })
        : null;
  }

  get pid(): number | undefined {
    return this.pipeline?.pid;
  }

  /** What a GB channel's sub-stream carries, once its frames came (a tile may watch only the sub-stream). */
  get observedCodec(): EsFrame['codec'] | undefined {
    return this.codec;
  }

  addSink(sink: LiveSink): void {
    this.live.addSink(sink);
    if (this.onDemand) this.holds.set(sink, this.onDemand.acquire('viewer'));
    else if (!this.pipeline && this.options.source.kind === 'rtsp') this.startPipeline(this.options.source.url);
  }

  removeSink(sink: LiveSink): void {
    this.live.removeSink(sink);
    this.holds.get(sink)?.();
    this.holds.delete(sink);
    if (!this.onDemand && this.live.sinkCount === 0) void this.stopPipeline();
  }

  async stop(): Promise<void> {
    await Promise.all([this.onDemand?.stop(), this.stopPipeline()]);
  }

  private frame(frame: EsFrame): void {
    if (!this.pipeline || frame.codec !== this.codec) {
      void this.pipeline?.stop();
      this.codec = frame.codec;
      this.startPipeline(this.options.camera.url, frame.codec);
    }
    this.pipeline?.writeFrame(frame.data, frame.keyframe);
  }

  private startPipeline(url: string, elementaryStream?: EsFrame['codec']): void {
    const { camera, ffmpeg, stallSeconds, log } = this.options;
    this.pipeline = new CameraPipeline({
      camera: { ...camera, url },
      ...(elementaryStream ? { elementaryStream } : {}),
      ffmpeg,
      live: this.live,
      prepareRecording: () => Promise.resolve(null),
      segmentSeconds: 60,
      stallSeconds,
      liveEpochMs: this.liveEpochMs,
      onJpeg: () => undefined,
      onStatus: () => undefined,
      log,
    });
    this.pipeline.start();
  }

  private async stopPipeline(): Promise<void> {
    const pipeline = this.pipeline;
    this.pipeline = null;
    this.codec = undefined;
    await pipeline?.stop();
    this.live.discontinuity();
  }
}
