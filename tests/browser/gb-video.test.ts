// A GB/T 28181 recorder that none of our code configured, against the whole system as `npm start` runs it
// (the server, its embedded relay with the SIP server, no simulated RTSP cameras): our simulated NVR runs as
// its own process the way a school's recorder would — it knows only the platform's SIP address, id and
// password — registers over TCP from a NAT port, and sends its catalog (one H.264 channel and one H.265).
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

describe('a GB/T 28181 recorder behind NAT, end to end', () => {
  let store: Store;
  let server: ServerProcess | undefined;
  let nvr: ChildProcess | undefined;
  let nvrOutput = '';
  let upper: UpperPlatform;
  let browser: Browser;
  let admin: string;
  let county: string;
  const cameras: Record<string, string> = {};

  beforeAll(async () => {
    store = await createStore();
    upper = await UpperPlatform.start({
      id: UPPER_ID,
      domain: UPPER_ID.slice(0, 10),
      password: 'upper-Pass-3',
      host: '127.0.0.1',
      transport: 'udp',
    });
    const sipPort = await freePort();
    server = await startServerProcess({
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
      UPSTREAM_SIP: `sip:${UPPER_ID}@127.0.0.1:${upper.port};domain=${UPPER_ID.slice(0, 10)};transport=udp;password=upper-Pass-3;scope=${COUNTY};keepalive=10`,
    });
    await waitUntil(() => server!.stdout().includes('GB/T 28181 SIP server listening'), 60_000, 'the relay’s SIP server');
    nvr = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'fixtures/gb28181/cli.ts',
        '--server',
        `127.0.0.1:${sipPort}`,
        '--server-id',
        PLATFORM_ID,
        '--password',
        SIP_PASSWORD,
        '--nvrs',
        '1',
        '--channels',
        '2',
        '--adcode',
        COUNTY,
        '--transport',
        'tcp',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    nvr.stdout!.on('data', (chunk: Buffer) => (nvrOutput += chunk.toString()));
    nvr.stderr!.on('data', (chunk: Buffer) => (nvrOutput += chunk.toString()));
    admin = await loginAt(server.url, 'city.admin', PASSWORD);
    county = await loginAt(server.url, `county.${COUNTY}`, PASSWORD);
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    nvr?.kill('SIGTERM');
    await browser?.close();
    await server?.stop('SIGTERM');
    await upper?.stop();
    await store?.dispose();
  });

  it(
    'registers, is bound, plays live and from its own recordings in the browser, and hangs up after the last viewer',
    { timeout: 300_000 },
    async () => {
      // The recorder registers by itself and its catalog arrives: the administrator sees it and both channels.
      let device: Device | undefined;
      await waitUntil(
        async () => {
          const listed = await request<{ items: Device[] }>(server!.url, 'GET', '/api/gb/devices', { token: admin });
          device = listed.body.items.find((item) => item.deviceId === NVR_ID);
          return device?.online === true && device.channels.length === 2;
        },
        90_000,
        `the NVR registered with its catalog (its output: ${nvrOutput})`,
      );
      expect(device!.transport).toBe('tcp');

      // Bound to a canteen of the county (the canteen of one of its cameras).
      const someCamera = await request<{ items: Array<{ canteen: { id: string } }> }>(server!.url, 'GET', '/api/cameras?pageSize=1', {
        token: county,
      });
      const canteenId = someCamera.body.items[0]!.canteen.id;
      for (const [channelId, area] of [
        [H264_CHANNEL, 'cooking'],
        [H265_CHANNEL, 'storage'],
      ] as const) {
        const bound = await request<{ camera: { id: string } }>(
          server!.url,
          'POST',
          `/api/gb/devices/${NVR_ID}/channels/${channelId}/bind`,
          {
            token: admin,
            body: { canteenId, area },
          },
        );
        expect(bound.status).toBe(201);
        cameras[channelId] = bound.body.camera.id;
      }

      // Another county cannot open them: a foreign camera answers like a missing one.
      const other = await loginAt(server!.url, OTHER_COUNTY, PASSWORD);
      expect((await request(server!.url, 'POST', `/api/cameras/${cameras[H264_CHANNEL]}/live`, { token: other, body: {} })).status).toBe(
        404,
      );
      expect((await request(server!.url, 'GET', `/api/gb/devices`, { token: other })).body.items).toEqual([]);

      // The county watches both live on the wall.
      const watched = await newWatchedContext(browser, server!.url);
      const page = await watched.newPage();
      await loginThroughForm(
        page,
        server!.url,
        `county.${COUNTY}`,
        PASSWORD,
        `/wall?cameras=${cameras[H264_CHANNEL]},${cameras[H265_CHANNEL]}`,
      );
      const tiles = page.getByTestId('wall-tile');
      await expect.poll(() => tiles.count()).toBeGreaterThanOrEqual(2);
      const h264 = page.locator(`[data-testid="wall-tile"][data-camera="${cameras[H264_CHANNEL]}"]`);
      const h265 = page.locator(`[data-testid="wall-tile"][data-camera="${cameras[H265_CHANNEL]}"]`);
      await expect.poll(() => framesOf(h264), { timeout: 60_000 }).toBeGreaterThan(25);
      const before = await h264.locator('video').screenshot();
      const framesBefore = await framesOf(h264);
      await expect.poll(() => framesOf(h264), { timeout: 30_000 }).toBeGreaterThan(framesBefore + 25);
      expect(await changedShare(before, await h264.locator('video').screenshot())).toBeGreaterThan(0.01);
      // The H.265 channel plays too: passed through where the browser's MSE takes hvc1, else transcoded to H.264.
      await expect.poll(() => framesOf(h265), { timeout: 90_000 }).toBeGreaterThan(25);

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
      const relayUrl = /"msg":"relay listening"/.test(server!.stdout())
        ? /"url":"(http:\/\/127\.0\.0\.1:\d+)","dataDir"/.exec(server!.stdout())?.[1]
        : undefined;
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
