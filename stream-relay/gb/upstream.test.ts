// Cascade upward against the upper-platform simulator: we register with digest, its Catalog holds exactly
// the shared cameras (over several pages), anything else it INVITEs is 404, and a shared camera's live
// stream reaches it as PS over RTP that a real decoder plays.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFrames } from '../../fixtures/gb28181/upper-media';
import { UpperPlatform } from '../../fixtures/gb28181/upper-platform';
import { parseUpstreamSip } from '../../gb28181/config';
import { createLogger } from '../../server/logger';
import { ffmpegPath } from '../ffmpeg';
import { LiveStream } from '../live-stream';
import type { GbSharedCamera } from '../protocol';
import { UpstreamLink, type CascadePush } from './upstream';
import { startCascadePush, type CascadeSource } from './upstream-push';

const UPPER_ID = '13000000002000000001';
const OUR_ID = '13080000002000000001';
const log = createLogger('silent', 'upstream-test');
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const shared: GbSharedCamera[] = Array.from({ length: 12 }, (_, index) => ({
  cameraId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
  gbId: `130802000013100000${String(index + 1).padStart(2, '0')}`,
  name: `食堂${index + 1}号后厨`,
  civilCode: '130802',
}));

/** A camera's live MPEG-TS, as the relay fans it out: H.264 from a real encoder. */
function testCamera(id: string): CascadeSource {
  const live = new LiveStream({ maxBacklogBytes: 1 << 20, maxGopBytes: 8 << 20 });
  const encoder: ChildProcess = spawn(
    ffmpegPath(),
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=25',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      '25',
      '-f',
      'mpegts',
      'pipe:1',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  encoder.stdout?.on('data', (chunk: Buffer) => live.push(chunk));
  cleanups.push(() => void encoder.kill('SIGKILL'));
  return { id, live, codec: 'h264' };
}

describe('cascade to an upper platform', () => {
  it('registers, shows exactly the shared cameras, refuses others with 404, and pushes decodable video of a shared one', async () => {
    const upper = await UpperPlatform.start({
      id: UPPER_ID,
      domain: '1300000000',
      password: 'up-secret',
      host: '127.0.0.1',
      transport: 'udp',
    });
    cleanups.push(() => upper.stop());
    const pushes: CascadePush[] = [];
    const link = await UpstreamLink.start({
      upstream: parseUpstreamSip(`sip:${UPPER_ID}@127.0.0.1:${upper.port};password=up-secret;scope=130800;keepalive=5`),
      platformId: OUR_ID,
      domain: '1308000000',
      sipHost: '127.0.0.1',
      bindHost: '127.0.0.1',
      shared: () => shared,
      push: async (cameraId, target) => {
        const push = await startCascadePush({ source: testCamera(cameraId), target, ffmpegPath: ffmpegPath(), log });
        pushes.push(push);
        return push;
      },
      log,
    });
    cleanups.push(() => link.stop());

    expect((await upper.waitForRegistration()).deviceId).toBe(OUR_ID);
    const catalog = await upper.queryCatalog();
    expect(catalog.map((item) => item.deviceId).sort()).toEqual(shared.map((camera) => camera.gbId).sort());
    expect(catalog.find((item) => item.deviceId === shared[0]!.gbId)?.name).toBe('食堂1号后厨');

    await expect(upper.play('13080200001310000099', { transport: 'udp' })).rejects.toThrow(/404/);

    const session = await upper.play(shared[2]!.gbId, { transport: 'udp' });
    await expect.poll(() => session.frames().filter((frame) => frame.keyframe).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const decoded = await decodeFrames(session.frames());
    expect(decoded).toMatchObject({ width: 320, height: 240 });
    expect(decoded.frames).toBeGreaterThan(10);
    // BYE stops the push (its ffmpeg and sender end).
    await session.bye();
    expect(pushes).toHaveLength(1);
    await pushes[0]!.ended;
  });
});
