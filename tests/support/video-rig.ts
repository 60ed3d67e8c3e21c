// Real video and real detection beside an in-process test server: simulated RTSP cameras playing test clips,
// a stream relay process and a detection worker process, each with its own service token — nothing mocked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTestModels, TEST_DATA_DIR } from '../../analytics/models/test-models';
import { shanghaiLocalTime, timeOfMinute } from '../../analytics/rules/schedule';
import { startWorkerProcess, type WorkerProcess } from '../../analytics/worker/testing/worker-process';
import { ensureClips, type ClipName } from '../../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../../fixtures/rtsp';
import { createServiceToken } from '../../server/auth/commands/createServiceToken';
import { systemActor } from '../../server/policy/actor';
import { startRelayProcess, type RelayProcess } from '../../stream-relay/testing/relay-process';
import { waitUntil } from './sockets';
import type { TestServer } from './test-server';

/** Working hours that leave out now (an hour from now, for an hour), or that hold now (an hour either side). */
export function scheduleWhereNowIs(nowIs: 'after_hours' | 'working') {
  const minute = shanghaiLocalTime(Date.now()).minute;
  const [start, end] = nowIs === 'after_hours' ? [minute + 60, minute + 120] : [minute - 60, minute + 60];
  return { workingHours: [{ start: timeOfMinute(start), end: timeOfMinute(end) }] };
}

/** Rules that raise an after-hours-person alert on a camera that sees people for two seconds. */
export const personRules = (nowIs: 'after_hours' | 'working') => ({
  schedule: scheduleWhereNowIs(nowIs),
  rules: [{ category: 'after_hours_person', dwellSeconds: 2, cooldownSeconds: 2 }],
});

export interface RigCamera {
  id: string;
  clip: ClipName;
  rules?: ReturnType<typeof personRules>;
}

export interface VideoRig {
  relay: RelayProcess;
  cameras: SimulatedCameraServer;
  worker: WorkerProcess | undefined;
  stop(): Promise<void>;
}

/**
 * Points the given cameras at simulated ones, sets their detection rules, and starts a relay (and, with
 * `analytics`, a worker) against the test server. Resolves when the relay has them online — and the worker
 * has them active.
 */
export async function startVideoRig(t: TestServer, cameraSpecs: RigCamera[], options: { analytics: boolean }): Promise<VideoRig> {
  const [clips] = await Promise.all([
    ensureClips(path.join(os.tmpdir(), 'canteen-command-clips')),
    options.analytics ? ensureTestModels() : Promise.resolve(),
  ]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-rig-'));
  const cameras = await startSimulatedCameras({
    port: 0,
    cameras: cameraSpecs.map((camera, index) => ({ path: `cam${index}`, clip: clips[camera.clip] })),
  });
  const admin = await t.login('city.admin');
  for (const [index, camera] of cameraSpecs.entries()) {
    await t
      .db('cameras')
      .where({ id: camera.id })
      .update({ stream_url: cameras.url(`cam${index}`), ingest: true, codec: 'h264' });
    if (camera.rules) {
      const put = await t.request('PUT', `/api/analytics/cameras/${camera.id}/rules`, {
        token: admin,
        body: { version: 0, rules: camera.rules },
      });
      if (put.status !== 200) throw new Error(`rules for ${camera.id}: ${put.status} ${put.text}`);
    }
  }
  const actor = { actor: systemActor('test') };
  const relayToken = await createServiceToken(t.server.ctx, actor, { name: 'relay-rig', kind: 'relay' });
  const relay = await startRelayProcess({
    SERVER_URL: t.url,
    RELAY_TOKEN: relayToken.token,
    RELAY_ID: 'relay-rig',
    DATA_DIR: dataDir,
    RELAY_STALL_SECONDS: '3',
    RELAY_HEALTH_SECONDS: '2',
  });
  let worker: WorkerProcess | undefined;
  if (options.analytics) {
    const analyticsToken = await createServiceToken(t.server.ctx, actor, { name: 'worker-rig', kind: 'analytics' });
    worker = await startWorkerProcess({
      SERVER_URL: t.url,
      ANALYTICS_TOKEN: analyticsToken.token,
      ANALYTICS_WORKER_ID: 'worker-rig',
      DATA_DIR: TEST_DATA_DIR,
      ANALYTICS_FPS: '2',
      ANALYTICS_REFRESH_SECONDS: '2',
    });
    await waitUntil(
      async () => {
        const health = await worker!.health();
        return health.cameras.length === cameraSpecs.length && health.cameras.every((camera) => camera.active);
      },
      60_000,
      'the cameras active at the worker',
    );
  }
  return {
    relay,
    cameras,
    worker,
    async stop() {
      await worker?.stop();
      await relay.stop();
      await cameras.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
