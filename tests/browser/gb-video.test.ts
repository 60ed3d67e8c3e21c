// A GB/T 28181 recorder that none of our code configured, against the whole system as `npm start` runs it
// (the server, its embedded relay with the SIP server, no simulated RTSP cameras): our simulated NVR runs as
// its own process the way a school's recorder would — it knows only the platform's SIP address, id and
// password — registers from a NAT port (over TCP, and in a second system over UDP), and sends its catalog (one H.264 channel and one H.265).
// The city administrator binds both channels; the county of the school watches them live in a real browser
// (the H.265 one transcoded for a browser that cannot play it), plays the recorder's own recording of a past
// hour in the wall's playback dialog, and the call ends soon after the last viewer leaves. Another county
// cannot open them. The upper (provincial) platform the city shares the county with sees exactly the county's
// cameras in our catalog, and receives video it can decode from one of them, and nothing else.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser, Locator } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GB_ID_TYPES, defaultPlatformId, makeGbId } from '../../gb28181/gb-id';
import { decodeFrames } from '../../fixtures/gb28181/upper-media';
import { UpperPlatform } from '../../fixtures/gb28181/upper-platform';
import { launchBrowser, loginThroughForm, newWatchedContext } from '../support/browser';
import { freePort, ROOT, startServerProcess, type ServerProcess } from '../support/server-process';
import { waitUntil } from '../support/sockets';
import { createStore, type Store } from '../support/store';
import { loginAt, request } from '../support/test-server';

const PASSWORD = 'gb-Video-1';
const SIP_PASSWORD = 'gb-Device-7';
const COUNTY = '130822';
const OTHER_COUNTY = 'county.130802';
const PLATFORM_ID = defaultPlatformId('130800');
const UPPER_ID = '13000000002000000001';
const NVR_ID = makeGbId(COUNTY, GB_ID_TYPES.nvr, 1);
const H264_CHANNEL = makeGbId(COUNTY, GB_ID_TYPES.camera, 1);
const H265_CHANNEL = makeGbId(COUNTY, GB_ID_TYPES.camera, 2);

type Channel = { channelId: string; name: string; status: string; camera: { id: string } | null };
type Device = { deviceId: string; online: boolean; transport: string; channels: Channel[] };

const framesOf = async (tile: Locator) => Number((await tile.locator('.video-tile').getAttribute('data-frames')) ?? 0);

/** The share of pixels that changed between two PNG screenshots of the same element. */
async function changedShare(first: Buffer, second: Buffer): Promise<number> {
  const [a, b] = await Promise.all([first, second].map((png) => sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  let changed = 0;
  for (let at = 0; at < a!.data.length; at += 3) {
    const delta =
      Math.abs(a!.data[at]! - b!.data[at]!) + Math.abs(a!.data[at + 1]! - b!.data[at + 1]!) + Math.abs(a!.data[at + 2]! - b!.data[at + 2]!);
    if (delta > 24) changed += 1;
  }
  return changed / (a!.data.length / 3);
}

interface GbSystem {
  server: ServerProcess;
  upper: UpperPlatform;
  browser: Browser;
  admin: string;
  county: string;
  nvrOutput(): string;
}

/**
 * The system as `npm start` runs it with a SIP server and an upper platform to share with, and our NVR as a
 * process of its own registering over `transport`; the relay takes the media over `transport` too (TCP
 * passive: the device connects out to us).
 */
function useGbSystem(transport: 'tcp' | 'udp'): GbSystem {
  let store: Store | undefined;
  let nvr: ChildProcess | undefined;
  let nvrOutput = '';
  const rig = { nvrOutput: () => nvrOutput } as GbSystem;

  beforeAll(async () => {
    store = await createStore();
    rig.upper = await UpperPlatform.start({
      id: UPPER_ID,
      domain: UPPER_ID.slice(0, 10),
      password: 'upper-Pass-3',
      host: '127.0.0.1',
      transport: 'udp',
    });
    const sipPort = await freePort();
    rig.server = await startServerProcess({
      ...store.env,
      PORT: String(await freePort()),
      DEMO_PASSWORD: PASSWORD,
      RELAY: 'embedded',
      // The relay's start-up lines (its SIP server, its address) are info lines.
      LOG_LEVEL: 'info',
      ANALYTICS: 'off',
      SIMULATED_CAMERAS: 'off',
      SIP_PORT: String(sipPort),
      SIP_PASSWORD,
      RELAY_GB_IDLE_SECONDS: '3',
      RELAY_GB_MEDIA_TRANSPORT: transport,
      UPSTREAM_SIP: `sip:${UPPER_ID}@127.0.0.1:${rig.upper.port};domain=${UPPER_ID.slice(0, 10)};transport=udp;password=upper-Pass-3;scope=${COUNTY};keepalive=10`,
    });
    await waitUntil(() => rig.server.stdout().includes('GB/T 28181 SIP server listening'), 60_000, 'the relay’s SIP server');
    nvr = spawn(
      process.execPath,
      [
        ...['--import', 'tsx', 'fixtures/gb28181/cli.ts', '--server', `127.0.0.1:${sipPort}`, '--server-id', PLATFORM_ID],
        ...['--password', SIP_PASSWORD, '--nvrs', '1', '--channels', '2', '--adcode', COUNTY, '--transport', transport],
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    nvr.stdout!.on('data', (chunk: Buffer) => (nvrOutput += chunk.toString()));
    nvr.stderr!.on('data', (chunk: Buffer) => (nvrOutput += chunk.toString()));
    rig.admin = await loginAt(rig.server.url, 'city.admin', PASSWORD);
    rig.county = await loginAt(rig.server.url, `county.${COUNTY}`, PASSWORD);
    rig.browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    nvr?.kill('SIGTERM');
    await rig.browser?.close();
    await rig.server?.stop('SIGTERM');
    await rig.upper?.stop();
    await store?.dispose();
  });
  return rig;
}

/** Waits for the recorder to register with its two channels and binds them to a county canteen: the cameras by channel. */
async function bindRecorder(rig: GbSystem): Promise<Record<string, string>> {
  let device: Device | undefined;
  await waitUntil(
    async () => {
      const listed = await request<{ items: Device[] }>(rig.server.url, 'GET', '/api/gb/devices', { token: rig.admin });
      device = listed.body.items.find((item) => item.deviceId === NVR_ID);
      return device?.online === true && device.channels.length === 2;
    },
    90_000,
    'the NVR registered with its catalog',
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; the NVR said: ${rig.nvrOutput()}`);
  });
  const someCamera = await request<{ items: Array<{ canteen: { id: string } }> }>(rig.server.url, 'GET', '/api/cameras?pageSize=1', {
    token: rig.county,
  });
  const canteenId = someCamera.body.items[0]!.canteen.id;
  const cameras: Record<string, string> = {};
  const areas = { [H264_CHANNEL]: 'cooking', [H265_CHANNEL]: 'storage' };
  for (const [channelId, area] of Object.entries(areas)) {
    const bound = await request<{ camera: { id: string } }>(
      rig.server.url,
      'POST',
      `/api/gb/devices/${NVR_ID}/channels/${channelId}/bind`,
      {
        token: rig.admin,
        body: { canteenId, area },
      },
    );
    expect(bound.status).toBe(201);
    cameras[channelId] = bound.body.camera.id;
  }
  return cameras;
}

/** The county's wall with these cameras on it. */
async function openWall(rig: GbSystem, cameraIds: string[]) {
  const watched = await newWatchedContext(rig.browser, rig.server.url);
  const page = await watched.newPage();
  await loginThroughForm(page, rig.server.url, `county.${COUNTY}`, PASSWORD, `/wall?cameras=${cameraIds.join(',')}`);
  const tile = (id: string) => page.locator(`[data-testid="wall-tile"][data-camera="${id}"]`);
  return { watched, page, tile };
}

/** A tile plays moving video: its frame counter passes a second of video and the picture changes. */
async function expectMovingVideo(tile: Locator): Promise<void> {
  await expect.poll(() => framesOf(tile), { timeout: 60_000 }).toBeGreaterThan(25);
  const before = await tile.locator('video').screenshot();
  const framesBefore = await framesOf(tile);
  await expect.poll(() => framesOf(tile), { timeout: 30_000 }).toBeGreaterThan(framesBefore + 25);
  expect(await changedShare(before, await tile.locator('video').screenshot())).toBeGreaterThan(0.01);
}

describe('a GB/T 28181 recorder behind NAT, over TCP, end to end', () => {
  const rig = useGbSystem('tcp');

  it(
    'registers, is bound, plays live and from its own recordings in the browser, and hangs up after the last viewer',
    { timeout: 300_000 },
    async () => {
      const cameras = await bindRecorder(rig);
      const { server } = rig;

      // Another county cannot open them: a foreign camera answers like a missing one.
      const other = await loginAt(server.url, OTHER_COUNTY, PASSWORD);
      expect((await request(server.url, 'POST', `/api/cameras/${cameras[H264_CHANNEL]}/live`, { token: other, body: {} })).status).toBe(
        404,
      );
      expect((await request(server.url, 'GET', `/api/gb/devices`, { token: other })).body.items).toEqual([]);

      // The county watches both live on the wall; the H.265 channel is passed through where the browser's MSE
      // takes hvc1, else transcoded to H.264.
      const { watched, page, tile } = await openWall(rig, [cameras[H264_CHANNEL]!, cameras[H265_CHANNEL]!]);
      const h264 = tile(cameras[H264_CHANNEL]!);
      await expectMovingVideo(h264);
      await expect.poll(() => framesOf(tile(cameras[H265_CHANNEL]!)), { timeout: 90_000 }).toBeGreaterThan(25);

      // The recorder's own recording of a past hour, in the wall's playback dialog.
      await h264.hover();
      await h264.getByRole('button', { name: '回放' }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.getByTestId('playback-segment').count(), { timeout: 45_000 }).toBeGreaterThan(0);
      await dialog.getByTestId('playback-segment').first().click();
      const playback = dialog.getByTestId('playback-video');
      await expect
        .poll(() => playback.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 60_000 })
        .toBeGreaterThan(0.5);
      await dialog.getByRole('button', { name: '关闭回放' }).click();

      // The last viewer leaves: the relay hangs up the live calls a few seconds later.
      await watched.context.close();
      // The relay's address, from its start-up line.
      const relayUrl = /"url":"(http:\/\/127\.0\.0\.1:\d+)","dataDir"/.exec(server.stdout())?.[1];
      expect(relayUrl).toBeDefined();
      await waitUntil(
        async () => {
          const health = (await (await fetch(`${relayUrl}/health`)).json()) as { cameras: Array<{ id: string; called: boolean | null }> };
          return Object.values(cameras).every((id) => health.cameras.find((camera) => camera.id === id)?.called === false);
        },
        30_000,
        'the calls hung up after the last viewer',
      );
    },
  );

  it(
    'shares the county upward: the upper platform sees exactly its cameras and decodes one, and nothing else',
    { timeout: 180_000 },
    async () => {
      const { upper } = rig;
      await waitUntil(() => upper.registrations.size > 0, 60_000, 'our platform registered with the upper one');
      let catalog: Array<{ deviceId: string }> = [];
      await waitUntil(
        async () => {
          catalog = await upper.queryCatalog(PLATFORM_ID);
          return catalog.length >= 2;
        },
        60_000,
        'our catalog with the bound channels',
      );
      // The county's cameras that the relay runs: the two bound channels (no RTSP camera is connected here).
      expect(catalog.map((item) => item.deviceId).sort()).toEqual([H264_CHANNEL, H265_CHANNEL].sort());

      const session = await upper.play(H264_CHANNEL, { deviceId: PLATFORM_ID });
      await waitUntil(() => session.frames().length >= 50, 60_000, 'two seconds of shared video');
      await session.bye();
      const decoded = await decodeFrames(session.frames());
      expect(decoded.frames).toBeGreaterThanOrEqual(25);
      expect(decoded.width).toBe(1280);

      // An id it was not given is refused.
      await expect(upper.play(makeGbId('130802', GB_ID_TYPES.camera, 1), { deviceId: PLATFORM_ID })).rejects.toThrow(/404/);
    },
  );
});

describe('a GB/T 28181 recorder behind NAT, over UDP', () => {
  const rig = useGbSystem('udp');

  it('plays live in the browser with its media over UDP', { timeout: 240_000 }, async () => {
    const cameras = await bindRecorder(rig);
    const { watched, tile } = await openWall(rig, [cameras[H264_CHANNEL]!]);
    await expectMovingVideo(tile(cameras[H264_CHANNEL]!));
    await watched.context.close();
  });
});
