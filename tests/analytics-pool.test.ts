// The detection worker pool on one Redis, across processes and with nothing mocked: simulated RTSP cameras →
// a stream relay process → the server (with REDIS_URL) → two worker processes that claim sampling visits
// from the pool's queue. Two cameras of a D-grade canteen and two of an A-grade one. The workers share the
// cameras, never visit one camera at the same time, visit the D canteen's cameras more often, and when one
// worker is killed the other takes over the cameras it held.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestModels, TEST_DATA_DIR } from '../analytics/models/test-models';
import { startWorkerProcess, type WorkerProcess } from '../analytics/worker/testing/worker-process';
import type { VisitRecord } from '../analytics/worker/worker';
import { createServiceToken } from '../server/auth/commands/createServiceToken';
import { systemActor } from '../server/policy/actor';
import { connectTestRedis, deleteKeys, TEST_REDIS_URL } from './support/redis';
import { putSetting } from './support/settings';
import { waitUntil } from './support/sockets';
import { startTestServer, type TestServer } from './support/test-server';
import { personRules, startVideoRig, type VideoRig } from './support/video-rig';

/** This test's own keys on the shared Redis, deleted after it. */
const REDIS_PREFIX = `cc-test:${randomUUID()}`;
const SAMPLING = { intervalSeconds: { A: 12, B: 8, C: 4, D: 2 }, visitSeconds: 2 };

describe('detection worker pool on one Redis', () => {
  let redis: Redis;
  let t: TestServer;
  let rig: VideoRig | undefined;
  const workers: WorkerProcess[] = [];
  const graded = { D: [] as string[], A: [] as string[] };

  const visitsOf = async (worker: WorkerProcess): Promise<VisitRecord[]> => (await worker.health()).sampling.visits;
  const allVisits = async () => (await Promise.all(workers.map(visitsOf))).flat();
  const count = (visits: VisitRecord[], cameraId: string) => visits.filter((visit) => visit.cameraId === cameraId).length;

  beforeAll(async () => {
    redis = await connectTestRedis();
    t = await startTestServer({ canteens: 40, env: { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: REDIS_PREFIX } });
    const admin = await t.login('city.admin');
    expect((await putSetting(t, admin, 'analytics.sampling', SAMPLING)).status).toBe(200);

    // Two canteens with two cameras each: one graded D, one A.
    const canteens = t.dataset.canteens.filter((canteen) => t.dataset.cameras.filter((c) => c.canteenId === canteen.id).length >= 2);
    for (const [grade, canteen] of [['D', canteens[0]!] as const, ['A', canteens[1]!] as const]) {
      graded[grade] = t.dataset.cameras
        .filter((camera) => camera.canteenId === canteen.id)
        .slice(0, 2)
        .map((camera) => camera.id);
      const { scope_path } = (await t.db('canteens').where({ id: canteen.id }).first('scope_path')) as { scope_path: string };
      await t
        .db('canteen_risk')
        .insert({ canteen_id: canteen.id, score: grade === 'D' ? 72 : 12, grade, static: 0, dynamic: 0, factors: '[]', scope_path })
        .onConflict('canteen_id')
        .merge();
    }
    const cameraIds = [...graded.D, ...graded.A];
    // A still scene under working-hours rules: sampled and gated, never an alert.
    rig = await startVideoRig(
      t,
      cameraIds.map((id) => ({ id, clip: 'still' as const, rules: personRules('working') })),
      { analytics: false },
    );
    await waitUntil(
      async () => (await t.db('cameras').whereIn('id', cameraIds).where({ status: 'online' }).count({ n: '*' }))[0]!.n == cameraIds.length,
      60_000,
      'the cameras online at the relay',
    );
    await ensureTestModels();
    for (const name of ['pool-a', 'pool-b']) {
      const token = await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name, kind: 'analytics' });
      workers.push(
        await startWorkerProcess({
          SERVER_URL: t.url,
          ANALYTICS_TOKEN: token.token,
          ANALYTICS_WORKER_ID: name,
          DATA_DIR: TEST_DATA_DIR,
          ANALYTICS_FPS: '2',
          ANALYTICS_REFRESH_SECONDS: '2',
          // Room for two visits each: the four cameras need both workers.
          ANALYTICS_VISITS: '2',
        }),
      );
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await rig?.stop();
    await t?.close();
    if (redis) {
      await deleteKeys(redis, REDIS_PREFIX);
      redis.disconnect();
    }
  });

  it('shares the cameras between the two workers, never one camera on both at once', async () => {
    const cameraIds = [...graded.D, ...graded.A];
    await waitUntil(
      async () => {
        const perWorker = await Promise.all(workers.map(visitsOf));
        return perWorker.every((visits) => visits.length >= 3) && cameraIds.every((id) => count(perWorker.flat(), id) >= 2);
      },
      90_000,
      'both workers visiting, every camera visited twice',
    );
    for (const worker of workers) {
      const health = await worker.health();
      expect(health.sampling.mode).toBe('queue');
      expect(health.totals.sampled).toBeGreaterThan(0);
    }
    // One camera's visits, across both workers, follow one another: the next starts after the last ended.
    const visits = await allVisits();
    for (const id of cameraIds) {
      const ofCamera = visits.filter((visit) => visit.cameraId === id).sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < ofCamera.length; i += 1) {
        const previous = ofCamera[i - 1]!;
        expect(previous.endedAt, `camera ${id}: a visit began while another was under way`).not.toBeNull();
        expect(ofCamera[i]!.startedAt).toBeGreaterThanOrEqual(previous.endedAt!);
      }
    }
  });

  it('visits the D-grade canteen’s cameras more often than the A-grade one’s', async () => {
    await waitUntil(
      async () => {
        const visits = await allVisits();
        return graded.D.every((id) => count(visits, id) >= 6);
      },
      90_000,
      'six visits of each D camera',
    );
    const visits = await allVisits();
    const d = Math.min(...graded.D.map((id) => count(visits, id)));
    const a = Math.max(...graded.A.map((id) => count(visits, id)));
    // A visit every 2 + 2 s against every 12 + 2 s.
    expect(d).toBeGreaterThanOrEqual(2 * a);
  });

  it('has the survivor visit the cameras a killed worker held', async () => {
    const [doomed, survivor] = workers as [WorkerProcess, WorkerProcess];
    let held: string[] = [];
    await waitUntil(
      async () => {
        held = (await visitsOf(doomed)).filter((visit) => visit.endedAt === null).map((visit) => visit.cameraId);
        return held.length > 0;
      },
      30_000,
      'a visit under way at the worker about to die',
    );
    doomed.child.kill('SIGKILL');
    const killedAt = Date.now();
    // Its leases run out (visit + 15 s) and the cameras go back first in line.
    await waitUntil(
      async () => {
        const after = (await visitsOf(survivor)).filter((visit) => visit.startedAt > killedAt);
        return held.every((id) => after.some((visit) => visit.cameraId === id));
      },
      60_000,
      'the survivor visiting every camera the dead worker held',
    );
    expect((await survivor.health()).totals.errors).toBe(0);
  });
});
