import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips } from '../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../fixtures/rtsp/index';
import { rtspAnswers } from './rtsp-probe';

let cameras: SimulatedCameraServer;
let silent: net.Server;

beforeAll(async () => {
  const clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'));
  cameras = await startSimulatedCameras({
    cameras: [
      { path: 'open', clip: clips.substream },
      { path: 'locked', clip: clips.substream, credentials: { username: 'admin', password: 'secret' } },
    ],
  });
  // Accepts connections and never says a word.
  silent = net.createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await cameras?.stop();
  silent?.close();
});

describe('RTSP probe', () => {
  it('says whether an RTSP server answers at the address', async () => {
    const silentPort = (silent.address() as net.AddressInfo).port;
    const answers = await Promise.all([
      rtspAnswers(cameras.url('open')),
      rtspAnswers(cameras.url('locked')),
      rtspAnswers(cameras.url('locked').replace('secret', 'wrong')),
      rtspAnswers('rtsp://127.0.0.1:9/none'),
      rtspAnswers(`rtsp://127.0.0.1:${silentPort}/none`, 500),
      rtspAnswers('not a url'),
    ]);
    expect(answers).toEqual([true, true, true, false, false, false]);
  });
});
