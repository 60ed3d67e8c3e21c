// A GB/T 28181 device on the real stack, end to end: it registers with the relay's SIP server and gives its
// catalog; a viewer's WebSocket makes the relay INVITE the channel (TCP passive: the device connects out to
// us; and UDP); PS over RTP becomes the live MPEG-TS the viewer gets; the last viewer gone, the relay BYEs
// within the grace; media that stops makes the relay INVITE again while someone watches.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips } from '../../fixtures/media/clips';
import { createLogger } from '../../server/logger';
import { waitUntil } from '../../tests/support/sockets';
import { inspectTs } from '../testing/ts-inspect';
import { liveUrl, openViewer } from '../testing/viewers';
import { gbMediaOf } from './gb-media';
import { GbSipServer } from './sip-server';
import { sendMediaOnInvite, type DeviceMedia } from './testing/device-media';
import { startGbRelay, type GbRelay } from './testing/gb-relay';
import { SipTestDevice } from './testing/sip-test-device';

const CLIP_CACHE = path.join(os.tmpdir(), 'canteen-command-clips');
const PLATFORM_ID = '13080000002000000001';
const DOMAIN = '1308000000';
const PASSWORD = 'kitchen-12345';
const log = createLogger('silent', 'gb-device-test');

describe.each([
  { transport: 'tcp' as const, deviceId: '13080200001180000101', mediaPorts: { from: 32000, to: 32010 } },
  { transport: 'udp' as const, deviceId: '13080200001180000102', mediaPorts: { from: 32020, to: 32030 } },
])('a GB/T 28181 device live over $transport', ({ transport, deviceId, mediaPorts }) => {
  const channelId = `${deviceId.slice(0, 10)}1310000001`;
  const cameraId = randomUUID();
  let server: GbSipServer;
  let device: SipTestDevice;
  let media: DeviceMedia;
  let relay: GbRelay;

  beforeAll(async () => {
    const clips = await ensureClips(CLIP_CACHE);
    server = await GbSipServer.start({
      ...{ bindHost: '127.0.0.1', port: 0, sipHost: '127.0.0.1', platformId: PLATFORM_ID, domain: DOMAIN, password: PASSWORD },
      ...{ adcodes: ['130800', '130802'], keepaliveMisses: 3, mediaPorts, log },
    });
    device = await SipTestDevice.start({
      deviceId,
      password: PASSWORD,
      server: { port: server.port, domain: DOMAIN, platformId: PLATFORM_ID },
      channels: [{ channelId, name: '后厨', status: 'ON' }],
    });
    media = await sendMediaOnInvite(device, { file: clips.people, codec: 'h264' });
    const catalog = new Promise((resolve) => server.once('catalog', resolve));
    await device.register();
    await catalog;
    relay = await startGbRelay(gbMediaOf(server, { transport: transport === 'tcp' ? 'tcp-passive' : 'udp', idleSeconds: 1 }, log), {
      stallSeconds: 2,
    });
    await relay.assign([{ id: cameraId, url: `gb28181:${deviceId}/${channelId}`, codec: 'h264' }]);
  });

  afterAll(async () => {
    await relay?.stop();
    media?.stop();
    await device?.close();
    await server?.stop();
  });

  const watch = () => openViewer(liveUrl(relay.url, cameraId, relay.control.token(cameraId, 'live', { fmt: 'mpegts' })));

  it('is idle and online while nobody watches; a viewer gets changing frames; BYE after the last viewer', async () => {
    await relay.control.waitForStatus(cameraId, 'online');
    expect(media.calls).toBe(0);

    const viewer = await watch();
    await viewer.waitForBytes(300_000, 20_000);
    const early = inspectTs(viewer.received());
    expect(early.videoStreamType).toBe(0x1b);
    expect(early.startsWithKeyframe).toBe(true);
    await viewer.waitForBytes(200_000, 20_000);
    expect(inspectTs(viewer.received()).frames).toBeGreaterThan(early.frames);
    expect(media.calls).toBe(1);

    viewer.close();
    await waitUntil(() => device.byes.length > 0 && media.sending === 0, 10_000, 'BYE after the grace');
  });

  it('INVITEs again when the media stops while someone watches', async () => {
    const viewer = await watch();
    await viewer.waitForBytes(200_000, 20_000);
    const calls = media.calls;
    media.dropMedia(true);
    await waitUntil(() => media.calls > calls, 20_000, 'a new INVITE after the stall');
    media.dropMedia(false);
    const before = viewer.bytes();
    await viewer.waitForBytes(200_000, 20_000);
    expect(viewer.bytes()).toBeGreaterThan(before);
    viewer.close();
    await waitUntil(() => media.sending === 0, 10_000, 'BYE after the grace');
  });
});
