// The relay's state: the cameras the server assigned (started, stopped and restarted as the assignment
// changes), the signing key, the status reports on their way, and the recordings kept within their limits.
import path from 'node:path';
import { Camera, type CameraSettings } from './camera';
import type { FfmpegRuntime } from './camera-pipeline';
import type { RelaySipConfig } from './config';
import type { DevicePlayback } from './gb/device-playback';
import { GbService } from './gb/gb-service';
import { gbMediaOf } from './gb/gb-media';
import type { GbMedia } from './gb/media-ports';
import type { GbSipServer } from './gb/sip-server';
import type { Logger } from './logger';
import type { AssignedCamera, CameraReport, HeartbeatRequest, HeartbeatResponse } from './protocol';
import { RecordingAccount } from './recording-account';
import { RecordingStore } from './recording-store';
import { SigningKeys } from './signing-keys';
import { StatusReporter } from './status-reporter';
import { StorageGuard, type StatFs } from './storage-guard';

const HOUR_MS = 3600_000;

export interface RelayOptions {
  relayId: string;
  serverUrl: string;
  relayToken: string;
  dataDir: string;
  retentionDays: number;
  recordingsMaxBytes: number;
  recordingsMinFreeBytes: number;
  ffmpeg: FfmpegRuntime;
  settings: CameraSettings;
  log: Logger;
  /** The GB/T 28181 SIP server's configuration; null or unset: none. */
  sip?: RelaySipConfig | null;
  /** The GB/T 28181 media side given outright (tests with a stand-in device); unset: built on the SIP server. */
  gbMedia?: GbMedia | null;
  /** The free-space reading (tests stand in for a full disk with it); fs.statfs when unset. */
  statfs?: StatFs;
}

export class Relay {
  readonly keys = new SigningKeys();
  readonly store: RecordingStore;
  readonly storage: StorageGuard;
  /** Recordings being played from GB/T 28181 devices, by session id (for their pause, speed and seek). */
  readonly devicePlaybacks = new Map<string, DevicePlayback>();
  private readonly cameras = new Map<string, Camera>();
  private readonly reporter: StatusReporter;
  private readonly gbService: GbService | null;
  private housekeeping: NodeJS.Timeout | null = null;
  private appliedCursor: string | undefined;

  private readonly options: RelayOptions;

  constructor(options: RelayOptions) {
    this.options = { ...options };
    this.store = new RecordingStore(path.join(options.dataDir, 'recordings'));
    this.storage = new StorageGuard(new RecordingAccount(this.store.root), {
      limits: {
        retentionDays: options.retentionDays,
        budgetBytes: options.recordingsMaxBytes,
        minFreeBytes: options.recordingsMinFreeBytes,
      },
      log: options.log,
      onRecordingChange: () => void this.restartPipelines(),
      ...(options.statfs ? { statfs: options.statfs } : {}),
    });
    this.reporter = new StatusReporter({ serverUrl: options.serverUrl, relayToken: options.relayToken, log: options.log });
    this.gbService = options.sip
      ? new GbService({
          sip: options.sip,
          relayId: options.relayId,
          serverUrl: options.serverUrl,
          relayToken: options.relayToken,
          log: options.log,
          camera: (cameraId) => this.camera(cameraId),
          ffmpegPath: options.ffmpeg.path,
        })
      : null;
  }

  /** The GB/T 28181 SIP server: null when SIP is not configured, or until the server's first answer with `gb`. */
  get gb(): GbSipServer | null {
    return this.gbService?.server ?? null;
  }

  /** What the heartbeat announces of the SIP server (undefined: this relay runs none). */
  sipAnnouncement(): HeartbeatRequest['sip'] {
    return this.gbService?.announcement();
  }

  get relayId(): string {
    return this.options.relayId;
  }

  get ffmpeg(): FfmpegRuntime {
    return this.options.ffmpeg;
  }

  get log(): Logger {
    return this.options.log;
  }

  /** What GB cameras stream through: given outright, or built on the SIP server once it runs. */
  get gbMedia(): GbMedia | null {
    return this.options.gbMedia ?? null;
  }

  camera(id: string): Camera | undefined {
    return this.cameras.get(id.toLowerCase());
  }

  reports(): CameraReport[] {
    return [...this.cameras.values()].map((camera) => camera.report());
  }

  health() {
    return {
      relayId: this.options.relayId,
      registered: this.keys.ready,
      rssBytes: process.memoryUsage().rss,
      pendingStatusReports: this.reporter.queued,
      gb: this.gbService?.health() ?? null,
      storage: this.storage.report(),
      cameras: [...this.cameras.values()].map((camera) => camera.details()),
    };
  }

  /** The recordings' limits checked now and every few seconds; day directories made ahead hourly. */
  startHousekeeping(): void {
    this.storage.start();
    this.housekeeping = setInterval(() => {
      for (const camera of this.cameras.values()) {
        this.store
          .prepareDays(camera.id)
          .catch((error: unknown) => this.options.log.error({ err: error, cameraId: camera.id }, 'cannot make day directories'));
      }
    }, HOUR_MS);
  }

  /**
   * The GB/T 28181 side came up (the SIP server starts at the first heartbeat that carries `gb`) or went:
   * GB cameras already running start again with it.
   */
  async setGbMedia(media: GbMedia | null): Promise<void> {
    this.options.gbMedia = media;
    const gbCameras = [...this.cameras.values()].filter((camera) => camera.isGb);
    await Promise.all(
      gbCameras.map(async (camera) => {
        this.cameras.delete(camera.id);
        await camera.stop('the GB/T 28181 server changed');
        this.startCamera(camera.assigned);
      }),
    );
  }

  /** Recording stopped or resumed: every camera's ffmpeg starts again, with or without its recording output. */
  private async restartPipelines(): Promise<void> {
    await Promise.all([...this.cameras.values()].map((camera) => camera.restartPipeline()));
  }

  /** The cursor of the last assignment applied, sent with the next heartbeat (undefined: ask for the whole list). */
  get assignmentCursor(): string | undefined {
    return this.appliedCursor;
  }

  /**
   * Applies a heartbeat answer: the key, then the cameras. A whole list is made the set of cameras run; an
   * answer of changes starts or updates the cameras it names and stops those it removes.
   */
  async applyHeartbeat(response: HeartbeatResponse): Promise<void> {
    this.keys.update(response.signingKey);
    this.reporter.serverReachable();
    // Before the cameras: a GB camera needs the SIP server.
    await this.gbService?.apply(response.gb);
    const sipServer = this.gb;
    if (sipServer && !this.options.gbMedia) await this.setGbMedia(this.gbMediaOn(sipServer));
    const whole = response.assignment?.whole ?? true;
    const assigned = new Map(response.cameras.map((camera) => [camera.id.toLowerCase(), camera]));
    const stopping = whole
      ? [...this.cameras.keys()].filter((id) => !assigned.has(id))
      : (response.removed ?? []).map((id) => id.toLowerCase()).filter((id) => this.cameras.has(id));
    const changes: Promise<void>[] = stopping.map((id) => {
      const camera = this.cameras.get(id)!;
      this.cameras.delete(id);
      this.options.log.info({ cameraId: id }, 'camera unassigned');
      return camera.stop();
    });
    for (const [id, next] of assigned) {
      const camera = this.cameras.get(id);
      if (!camera) this.startCamera(next);
      else if (next.codec !== camera.codec) {
        // The formats offered change: viewers reconnect with what they may now have.
        this.cameras.delete(id);
        changes.push(camera.stop('camera codec changed').then(() => this.startCamera(next)));
      } else if (next.url !== camera.url) {
        this.options.log.info({ cameraId: id }, 'camera address changed; restarting its ffmpeg');
        changes.push(camera.changeUrl(next.url));
      }
    }
    await Promise.all(changes);
    this.appliedCursor = response.assignment?.cursor;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.devicePlaybacks.values()].map((playback) => playback.close()));
    this.reporter.stop();
    this.storage.stop();
    if (this.housekeeping) clearInterval(this.housekeeping);
    const cameras = [...this.cameras.values()];
    this.cameras.clear();
    await Promise.all(cameras.map((camera) => camera.stop('relay shutting down')));
    await this.gbService?.stop();
  }

  /** What a GB camera needs of the SIP server it calls its channel through, and of the RTP receivers. */
  private gbMediaOn(signalling: GbSipServer): GbMedia {
    const { sip } = this.options;
    return gbMediaOf(
      signalling,
      { transport: sip?.mediaTransport ?? 'tcp-passive', idleSeconds: sip?.idleSeconds ?? 15 },
      this.options.log,
    );
  }

  private startCamera(assigned: AssignedCamera): void {
    if (this.cameras.has(assigned.id.toLowerCase())) return;
    const camera = new Camera(
      { ...assigned, id: assigned.id.toLowerCase() },
      {
        ffmpeg: this.options.ffmpeg,
        store: this.store,
        recordingAllowed: () => this.storage.recordingAllowed,
        settings: this.options.settings,
        log: this.options.log,
        onStatus: (cameraId, report) => this.reporter.report(cameraId, report),
        gb: this.options.gbMedia ?? null,
      },
    );
    this.cameras.set(camera.id, camera);
    camera.start();
    this.options.log.info({ cameraId: camera.id, codec: camera.codec }, 'camera assigned');
  }
}
