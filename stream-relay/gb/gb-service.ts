// The relay's GB/T 28181 side, as the relay sees it: the SIP server started at the first heartbeat answer
// that carries `gb` (it needs the platform id and the tree), kept up to date by later ones; the reports
// of its devices to the server; what the heartbeat announces and /health shows.
import type { Logger } from '../logger';
import type { GbPlatformConfig, GbSharedCamera, HeartbeatRequest } from '../protocol';
import type { RelaySipConfig } from '../config';
import { DeviceReporter } from './device-reporter';
import { GbSipServer } from './sip-server';
import { UpstreamLink } from './upstream';
import { startCascadePush, type CascadeSource } from './upstream-push';

export interface GbServiceOptions {
  sip: RelaySipConfig;
  relayId: string;
  serverUrl: string;
  relayToken: string;
  log: Logger;
  /** The relay's camera by id (the cascade pushes its live stream). */
  camera: (cameraId: string) => CascadeSource | undefined;
  ffmpegPath: string;
}

export interface GbHealth {
  running: boolean;
  port: number;
  devicesOnline: number;
  devicesTotal: number;
  channels: number;
  pendingReports: number;
}

export class GbService {
  private sipServer: GbSipServer | null = null;
  private starting: Promise<void> | null = null;
  private readonly reporter: DeviceReporter;
  private stopped = false;
  private startFailures = 0;
  private upstream: UpstreamLink | null = null;
  private shared: readonly GbSharedCamera[] = [];

  constructor(private readonly options: GbServiceOptions) {
    this.reporter = new DeviceReporter({
      relayId: options.relayId,
      serverUrl: options.serverUrl,
      relayToken: options.relayToken,
      log: options.log,
    });
  }

  /** null until the first heartbeat answer with `gb`. */
  get server(): GbSipServer | null {
    return this.sipServer;
  }

  /** What the heartbeat tells the server of this relay's SIP server. */
  announcement(): NonNullable<HeartbeatRequest['sip']> {
    const { sip } = this.options;
    return {
      ...(sip.platformId ? { platformId: sip.platformId } : {}),
      host: sip.host,
      port: this.sipServer?.port ?? sip.port,
    };
  }

  /** Applies a heartbeat answer: starts the SIP server the first time, updates its tree afterwards. */
  async apply(gb: GbPlatformConfig | undefined): Promise<void> {
    this.reporter.serverReachable();
    if (!gb || this.stopped) return;
    this.shared = gb.upstream?.shared ?? [];
    if (this.sipServer) {
      this.sipServer.updateTree(gb.adcodes, gb.keepaliveMisses);
      return;
    }
    this.starting ??= this.start(gb).finally(() => (this.starting = null));
    await this.starting;
  }

  /** For /health: whether the SIP server runs, its devices online of all registered, and reports waiting. */
  health(): GbHealth {
    const counts = this.sipServer?.counts() ?? { online: 0, total: 0, channels: 0 };
    return {
      running: this.sipServer !== null,
      port: this.sipServer?.port ?? this.options.sip.port,
      devicesOnline: counts.online,
      devicesTotal: counts.total,
      channels: counts.channels,
      pendingReports: this.reporter.queued,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.reporter.stop();
    await this.starting?.catch(() => undefined);
    await this.upstream?.stop();
    await this.sipServer?.stop();
  }

  private async start(gb: GbPlatformConfig): Promise<void> {
    const { sip, log } = this.options;
    try {
      const server = await GbSipServer.start({
        bindHost: sip.bindHost,
        port: sip.port,
        sipHost: sip.host,
        platformId: sip.platformId ?? gb.platformId,
        domain: sip.domain ?? gb.domain,
        password: sip.password,
        adcodes: gb.adcodes,
        keepaliveMisses: gb.keepaliveMisses,
        mediaPorts: sip.mediaPorts,
        log,
      });
      if (this.stopped) return void (await server.stop());
      this.reporter.watch(server);
      this.sipServer = server;
      if (sip.upstream) {
        this.upstream = await UpstreamLink.start({
          upstream: sip.upstream,
          platformId: server.platformId,
          domain: server.domain,
          sipHost: sip.host,
          bindHost: sip.bindHost,
          shared: () => this.shared,
          push: (cameraId, target) => {
            const source = this.options.camera(cameraId);
            if (!source) return Promise.reject(new Error(`camera ${cameraId} does not run on this relay`));
            return startCascadePush({ source, target, ffmpegPath: this.options.ffmpegPath, log });
          },
          log,
        });
      }
    } catch (error) {
      // A taken port: said loudly, tried again at the next heartbeat; the relay's RTSP cameras go on.
      this.startFailures += 1;
      if (this.startFailures === 1 || this.startFailures % 10 === 0)
        log.error({ err: (error as Error).message, port: sip.port }, 'the GB/T 28181 SIP server cannot start (SIP_PORT); retrying');
    }
  }
}
