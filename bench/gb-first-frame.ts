// INVITE → first frame at a viewer for a GB/T 28181 channel (live on demand: the viewer's WebSocket makes the
// call), over TCP passive and over UDP, against an RTSP camera in the same run: a new viewer of the running
// camera (how RTSP cameras are watched: they run always) and a camera assigned cold (ffmpeg connects, probes
// and sends). The relay runs in this process with its real endpoints; the device is a SIP test device on the
// real stack sending PS over RTP from the 1280×720 25 fps clip. Each round waits for the call's BYE first.
// Run: npx tsx bench/gb-first-frame.ts
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureClips } from '../fixtures/media/clips';
import { startSimulatedCameras } from '../fixtures/rtsp';
import { createLogger } from '../server/logger';
import { gbMediaOf } from '../stream-relay/gb/gb-media';
import { GbSipServer } from '../stream-relay/gb/sip-server';
import { sendMediaOnInvite } from '../stream-relay/gb/testing/device-media';
import { startGbRelay, type GbRelay } from '../stream-relay/gb/testing/gb-relay';
import { SipTestDevice } from '../stream-relay/gb/testing/sip-test-device';
import { inspectTs } from '../stream-relay/testing/ts-inspect';
import { liveUrl, openViewer } from '../stream-relay/testing/viewers';
import { waitUntil } from '../tests/support/sockets';

const ROUNDS = 5;
const PLATFORM_ID = '13080000002000000001';
const DOMAIN = '1308000000';
const PASSWORD = 'kitchen-12345';
const log = createLogger('silent', 'gb-first-frame');

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms (${Math.round(sorted[0]!)}–${Math.round(sorted.at(-1)!)} ms)`;
};

/** ms from now until a new viewer of `cameraId` has its first video frame. */
async function firstFrame(relay: GbRelay, cameraId: string): Promise<number> {
  const started = performance.now();
  const viewer = await openViewer(liveUrl(relay.url, cameraId, relay.control.token(cameraId, 'live', { fmt: 'mpegts' })));
  await waitUntil(() => inspectTs(viewer.received()).frames > 0, 30_000, 'a first frame');
  const elapsed = performance.now() - started;
  viewer.close();
  return elapsed;
}

const clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'));
const rtsp = await startSimulatedCameras({
  cameras: [
    { path: 'warm', clip: clips.pattern },
    { path: 'cold', clip: clips.pattern },
  ],
});
const results: Record<string, number[]> = {};

for (const transport of ['tcp', 'udp'] as const) {
  const deviceId = transport === 'tcp' ? '13080200001180000201' : '13080200001180000202';
  const channelId = `${deviceId.slice(0, 10)}1310000001`;
  const server = await GbSipServer.start({
    ...{ bindHost: '127.0.0.1', port: 0, sipHost: '127.0.0.1', platformId: PLATFORM_ID, domain: DOMAIN, password: PASSWORD },
    ...{ adcodes: ['130800', '130802'], keepaliveMisses: 3, mediaPorts: { from: 33000, to: 33020 }, log },
  });
  const device = await SipTestDevice.start({
    deviceId,
    password: PASSWORD,
    server: { port: server.port, domain: DOMAIN, platformId: PLATFORM_ID },
    channels: [{ channelId, name: '后厨', status: 'ON' }],
  });
  const media = await sendMediaOnInvite(device, { file: clips.pattern, codec: 'h264' });
  const catalog = new Promise((resolve) => server.once('catalog', resolve));
  await device.register();
  await catalog;
  const relay = await startGbRelay(gbMediaOf(server, { transport: transport === 'tcp' ? 'tcp-passive' : 'udp', idleSeconds: 1 }, log));
  const gbCamera = randomUUID();
  const warmCamera = randomUUID();
  await relay.assign([
    { id: gbCamera, url: `gb28181:${deviceId}/${channelId}`, codec: 'h264' },
    { id: warmCamera, url: rtsp.url('warm'), codec: 'h264' },
  ]);
  await relay.control.waitForStatus(warmCamera, 'online');
  const gb: number[] = [];
  const warm: number[] = [];
  const cold: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    await waitUntil(() => media.sending === 0, 10_000, 'the previous call hung up');
    // …and its ffmpeg ended (SIGTERM, up to 2 s): a cold start each round.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    gb.push(await firstFrame(relay, gbCamera));
    warm.push(await firstFrame(relay, warmCamera));
    if (transport === 'tcp') {
      const coldCamera = randomUUID();
      const assigned = performance.now();
      await relay.assign([
        { id: gbCamera, url: `gb28181:${deviceId}/${channelId}`, codec: 'h264' },
        { id: warmCamera, url: rtsp.url('warm'), codec: 'h264' },
        { id: coldCamera, url: rtsp.url('cold'), codec: 'h264' },
      ]);
      await firstFrame(relay, coldCamera);
      cold.push(performance.now() - assigned);
      await relay.assign([
        { id: gbCamera, url: `gb28181:${deviceId}/${channelId}`, codec: 'h264' },
        { id: warmCamera, url: rtsp.url('warm'), codec: 'h264' },
      ]);
    }
  }
  results[`GB/T 28181 over ${transport === 'tcp' ? 'TCP passive' : 'UDP'}: viewer → INVITE → first frame`] = gb;
  results[`RTSP, running camera: new viewer → first frame (${transport} round)`] = warm;
  if (cold.length > 0) results['RTSP, camera assigned cold: viewer right away → first frame'] = cold;
  await relay.stop();
  media.stop();
  await device.close();
  await server.stop();
}
await rtsp.stop();

for (const [name, values] of Object.entries(results)) console.log(`${name}: ${summary(values)}`);
