// The relay under load, on 16 simulated 720p cameras pulled over RTSP, in one run:
//  - CPU per camera: pulling and recording only (nobody watching), with one H.264 passthrough viewer per
//    camera, and with one MPEG-1 (transcoded) viewer per camera;
//  - time to the first frame for a new viewer (ticket → first video frame at the client, through the server);
//  - time to recover after a camera restarts (restart → first new frame at a viewer that stayed connected);
//  - the relay's memory over a minute with one viewer that stopped reading (a paused tab).
// Run: npx tsx bench/relay-load.ts
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { startSimulatedCameras } from '../fixtures/rtsp';
import { ensureClips } from '../fixtures/media/clips';
import { inspectTs } from '../stream-relay/testing/ts-inspect';
import { cpuSecondsOfTree, rssMegabytes, startVideoRig, type VideoRig } from './support/video-rig';
import os from 'node:os';
import path from 'node:path';

const CAMERAS = 16;
const CPU_WINDOW_MS = 20_000;
const PAUSED_MINUTE_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Viewer {
  socket: WebSocket;
  bytes: number;
  chunks: Buffer[];
  firstFrameMs: Promise<number>;
}

function view(url: string, startedAt = performance.now(), keep = false): Viewer {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  const viewer: Viewer = { socket, bytes: 0, chunks: [], firstFrameMs: Promise.resolve(0) };
  viewer.firstFrameMs = new Promise((resolve) => {
    let seen: Buffer[] = [];
    socket.on('message', (data: Buffer) => {
      viewer.bytes += data.length;
      if (keep) viewer.chunks.push(Buffer.from(data));
      if (seen) {
        seen.push(Buffer.from(data));
        if (inspectTs(Buffer.concat(seen)).frames > 0) {
          resolve(performance.now() - startedAt);
          seen = undefined as unknown as Buffer[];
        }
      }
    });
  });
  return viewer;
}

async function cpuPerCamera(rig: VideoRig): Promise<number> {
  const start = cpuSecondsOfTree(rig.relay.child.pid!);
  const startedAt = performance.now();
  await sleep(CPU_WINDOW_MS);
  const used = cpuSecondsOfTree(rig.relay.child.pid!) - start;
  return (used / ((performance.now() - startedAt) / 1000) / CAMERAS) * 100;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const rig = await startVideoRig({ cameras: CAMERAS });
try {
  await sleep(5_000);
  const idle = await cpuPerCamera(rig);

  const firstFrames: number[] = [];
  let viewers: Viewer[] = [];
  for (const id of rig.cameraIds) {
    const startedAt = performance.now();
    const viewer = view(await rig.liveUrl(id), startedAt);
    viewers.push(viewer);
    firstFrames.push(await viewer.firstFrameMs);
  }
  await sleep(3_000);
  const passthrough = await cpuPerCamera(rig);
  for (const viewer of viewers) viewer.socket.close();

  viewers = await Promise.all(rig.cameraIds.map(async (id) => view(await rig.liveUrl(id, 'mpeg1'))));
  const mpeg1FirstFrames = await Promise.all(viewers.map((viewer) => viewer.firstFrameMs));
  await sleep(3_000);
  const mpeg1 = await cpuPerCamera(rig);
  for (const viewer of viewers) viewer.socket.close();

  // Recovery: a camera (its own RTSP server) stops and comes back on the same port.
  const clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'));
  const recoveries: number[] = [];
  const watcher = view(await rig.liveUrl(rig.cameraIds[0]!), performance.now(), true);
  await watcher.firstFrameMs;
  let cameras = rig.cameras;
  for (let round = 0; round < 3; round += 1) {
    const port = cameras.port;
    await cameras.stop();
    await sleep(4_000);
    const before = watcher.chunks.length;
    cameras = await startSimulatedCameras({ port, cameras: rig.paths.map((name) => ({ path: name, clip: clips.pattern })) });
    const restartedAt = performance.now();
    while (inspectTs(Buffer.concat(watcher.chunks.slice(before))).frames === 0) await sleep(20);
    recoveries.push(performance.now() - restartedAt);
    await sleep(3_000);
  }
  watcher.socket.close();
  (rig as { cameras: typeof cameras }).cameras = cameras;

  // A paused viewer for a minute, against the same minute's start.
  const relayPid = rig.relay.child.pid!;
  await sleep(3_000);
  const baseline = rssMegabytes(relayPid);
  const paused = view(await rig.liveUrl(rig.cameraIds[1]!));
  await paused.firstFrameMs;
  (paused.socket as unknown as { _socket: { pause(): void } })._socket.pause();
  const samples: number[] = [];
  for (let elapsed = 0; elapsed < PAUSED_MINUTE_MS; elapsed += 5_000) {
    await sleep(5_000);
    samples.push(rssMegabytes(relayPid));
  }
  paused.socket.terminate();

  console.table([
    { measure: 'relay CPU per camera, nobody watching (pull + record + keyframe snapshots)', value: `${idle.toFixed(2)} % of a core` },
    { measure: 'relay CPU per camera, one H.264 passthrough viewer each', value: `${passthrough.toFixed(2)} % of a core` },
    { measure: 'relay CPU per camera, one MPEG-1 viewer each (transcode 640×360)', value: `${mpeg1.toFixed(2)} % of a core` },
    { measure: 'MPEG-1 / passthrough CPU ratio', value: `${(mpeg1 / passthrough).toFixed(1)}×` },
    {
      measure: 'first frame, H.264 (median / max of 16)',
      value: `${median(firstFrames).toFixed(0)} / ${Math.max(...firstFrames).toFixed(0)} ms`,
    },
    {
      measure: 'first frame, MPEG-1 (median / max of 16)',
      value: `${median(mpeg1FirstFrames).toFixed(0)} / ${Math.max(...mpeg1FirstFrames).toFixed(0)} ms`,
    },
    { measure: 'recovery after a camera restart (each of 3)', value: recoveries.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ') },
    { measure: 'relay RSS before the paused viewer', value: `${baseline.toFixed(1)} MB` },
    { measure: 'relay RSS with a paused viewer, every 5 s for 60 s', value: samples.map((mb) => mb.toFixed(0)).join(' ') + ' MB' },
  ]);
} finally {
  await rig.close();
}
