// The relay in the test's own process with a GB/T 28181 side (the stand-in device, or the real SIP server and
// receivers once they are there), serving its real HTTP and WebSocket endpoints, so tests watch GB channels
// as the browser does. The server is the fake control server: it hands out the key and takes the statuses.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { detectFfmpegMajor, ffmpegPath, ffmpegTimeZone } from '../../ffmpeg';
import { createHttpHandler } from '../../http-api';
import { attachLiveEndpoint } from '../../live-endpoint';
import { createRelayLogger } from '../../logger';
import type { AssignedCamera } from '../../protocol';
import { Relay } from '../../relay';
import { startFakeControlServer, type FakeControlServer } from '../../testing/fake-control-server';
import type { GbMedia } from '../media-ports';

export interface GbRelay {
  readonly url: string;
  readonly relay: Relay;
  readonly control: FakeControlServer;
  assign(cameras: AssignedCamera[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startGbRelay(gb: GbMedia, options: { stallSeconds?: number } = {}): Promise<GbRelay> {
  const control = await startFakeControlServer();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'relay-gb-'));
  const binary = ffmpegPath();
  const relay = new Relay({
    relayId: 'relay-gb-test',
    serverUrl: control.url,
    relayToken: control.relayToken,
    dataDir,
    retentionDays: 30,
    recordingsMaxBytes: 1e9,
    recordingsMinFreeBytes: 0,
    ffmpeg: { path: binary, major: detectFfmpegMajor(binary), timeZone: ffmpegTimeZone() },
    settings: {
      segmentSeconds: 60,
      stallSeconds: options.stallSeconds ?? 3,
      healthSeconds: 2,
      maxBacklogBytes: 1 << 20,
      maxGopBytes: 8 << 20,
    },
    log: createRelayLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'relay-gb-test'),
    gbMedia: gb,
  });
  const server: Server = createServer(createHttpHandler(relay, createRelayLogger('silent', 'relay-gb-test')));
  const live = attachLiveEndpoint(server, relay, createRelayLogger('silent', 'relay-gb-test'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    relay,
    control,
    assign: (cameras) => relay.applyHeartbeat({ relayId: 'relay-gb-test', signingKey: control.signingKey, heartbeatSeconds: 5, cameras }),
    async stop() {
      await relay.stop();
      live.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await control.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
