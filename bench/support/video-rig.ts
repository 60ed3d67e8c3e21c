// The video set-up the video benchmarks share: a server (in this process, on PGlite), N simulated RTSP
// cameras on loopback, and a stream relay process pulling them — the same parts as `npm start`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureClips, type ClipName } from '../../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../../fixtures/rtsp';
import { createServiceToken } from '../../server/auth/commands/createServiceToken';
import { systemActor } from '../../server/policy/actor';
import { startRelayProcess, type RelayProcess } from '../../stream-relay/testing/relay-process';
import { waitUntil } from '../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

export interface VideoRig {
  t: TestServer;
  relay: RelayProcess;
  cameras: SimulatedCameraServer;
  cameraIds: string[];
  paths: string[];
  token: string;
  /** A same-origin live WebSocket URL for a camera. */
  liveUrl(cameraId: string, format?: 'mpegts' | 'mpeg1'): Promise<string>;
  close(): Promise<void>;
}

export async function startVideoRig(options: { cameras: number; clip?: ClipName; relayEnv?: Record<string, string> }): Promise<VideoRig> {
  const t = await startTestServer({ canteens: 120 });
  const clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'));
  const chosen = t.dataset.cameras.slice(0, options.cameras);
  const paths = chosen.map((_, index) => `cam-${index + 1}`);
  const cameras = await startSimulatedCameras({
    port: 0,
    cameras: paths.map((name) => ({ path: name, clip: clips[options.clip ?? 'pattern'] })),
  });
  for (const [index, camera] of chosen.entries()) {
    await t
      .db('cameras')
      .where({ id: camera.id })
      .update({ stream_url: cameras.url(paths[index]!), ingest: true, codec: 'h264' });
  }
  const relayToken = (await createServiceToken(t.server.ctx, { actor: systemActor('bench') }, { name: 'bench-relay', kind: 'relay' }))
    .token;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-relay-'));
  const relay = await startRelayProcess({
    SERVER_URL: t.url,
    RELAY_TOKEN: relayToken,
    RELAY_ID: 'bench-relay',
    DATA_DIR: dataDir,
    ...options.relayEnv,
  });
  const token = await t.login('city.duty');
  const cameraIds = chosen.map((camera) => camera.id);
  await waitUntil(
    async () => {
      const rows = (await t.db('cameras').whereIn('id', cameraIds).where('status', 'online').count({ n: '*' })) as Array<{ n: number }>;
      return Number(rows[0]!.n) === cameraIds.length;
    },
    60_000,
    'every camera online',
  );
  return {
    t,
    relay,
    cameras,
    cameraIds,
    paths,
    token,
    async liveUrl(cameraId, format) {
      const ticket = await t.request<{ url: string }>('POST', `/api/cameras/${cameraId}/live`, { token, body: format ? { format } : {} });
      if (ticket.status !== 200) throw new Error(`live ticket: ${ticket.status} ${ticket.text}`);
      return t.url.replace(/^http/, 'ws') + ticket.body.url;
    },
    async close() {
      await relay.stop();
      await cameras.stop();
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU seconds (user + system) used so far by a process and its children that are still alive. */
export function cpuSecondsOfTree(rootPid: number): number {
  // USER_HZ is 100 on Linux (x86_64 and arm64 alike).
  const ticks = 100;
  let total = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return tree;
}

export function rssMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}
