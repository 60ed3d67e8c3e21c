// A real server process killed with SIGKILL while its work is in flight — stopped at a pause point inside the
// transaction (server/testing/pause-points.ts), so the kill lands there and nowhere else: in the middle of a
// bulk dispatch to every school of Chengde, of a deadline escalation, and of an alert storm from a detection
// worker. After a restart nothing half-done is there, and a retry (or the next sweep) does each thing once.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAUSE_AT_VARIABLE, pauseAnnouncement, type PausePoint } from '../server/testing/pause-points';
import { useServerProcesses } from './support/process-rig';
import { ROOT } from './support/server-process';
import { waitUntil } from './support/sockets';
import { loginAt, request } from './support/test-server';

const PASSWORD = 'crash-Test-1';
/** Each test starts, kills and restarts the server a few times (and waits for a deadline sweep). */
const RESTARTS_TIMEOUT_MS = 240_000;

describe('killed in flight and restarted', () => {
  const rig = useServerProcesses(PASSWORD);
  let token: string;
  let codes: string[];

  const restart = async (signal: NodeJS.Signals, pauseAt?: PausePoint) => {
    token = await loginAt(
      (await rig.restart(signal, undefined, pauseAt ? { [PAUSE_AT_VARIABLE]: pauseAt } : {})).url,
      'city.duty',
      PASSWORD,
    );
  };
  /** Waits until the running process has stopped at `point`, then kills it there. */
  const killAt = async (point: PausePoint) => {
    await waitUntil(() => rig.server.stdout().includes(pauseAnnouncement(point)), 90_000, `the server stopped at ${point}`);
    await rig.server.stop('SIGKILL');
  };
  const batchTasks = async (key: string) => {
    const list = await request(rig.server.url, 'GET', '/api/tasks?box=outbox&pageSize=1&q=' + encodeURIComponent(key), { token });
    return list.body.total as number;
  };
  const allEvents = async () => {
    const events: Array<{ seq: number; type: string; subject: { id: string } }> = [];
    for (let since = 0; ;) {
      const page = (await request(rig.server.url, 'GET', `/api/events?since=${since}&limit=1000`, { token })).body.events as typeof events;
      if (page.length === 0) return events;
      events.push(...page);
      since = page.at(-1)!.seq;
    }
  };

  beforeAll(async () => {
    await restart('SIGTERM');
    codes = [];
    for (let page = 1; ; page += 1) {
      const schools = await request(rig.server.url, 'GET', `/api/schools?pageSize=500&page=${page}`, { token });
      codes.push(...schools.body.items.map((s: { code: string }) => s.code));
      if (codes.length >= schools.body.total) break;
    }
    expect(codes.length).toBeGreaterThan(1000);
  }, RESTARTS_TIMEOUT_MS);

  it(
    'keeps a bulk dispatch killed inside its transaction all or nothing, and a retry makes each task once',
    async () => {
      const title = '专项整改 crash-bulk';
      const bulk = () =>
        request(rig.server.url, 'POST', '/api/tasks/bulk', {
          token,
          body: { title, target: { kind: 'schools', codes }, deadlineHours: 72, idempotencyKey: 'bulk-crash-key' },
        });

      await restart('SIGTERM', 'bulk-dispatch');
      const attempt = bulk().then(
        (response) => response.status,
        () => 0,
      );
      await killAt('bulk-dispatch');
      expect(await attempt).toBe(0);

      await restart('SIGKILL');
      expect(await batchTasks('crash-bulk')).toBe(0);
      const retried = await bulk();
      expect(retried.status).toBe(201);
      expect(retried.body.count).toBe(codes.length);
      expect(await batchTasks('crash-bulk')).toBe(codes.length);
      const again = await bulk();
      expect([200, 201]).toContain(again.status);
      expect(again.body.batchId).toBe(retried.body.batchId);
      expect(await batchTasks('crash-bulk')).toBe(codes.length);
    },
    RESTARTS_TIMEOUT_MS,
  );

  it(
    'fires an overdue escalation killed inside its transaction exactly once across restarts',
    async () => {
      const createTask = async (title: string, inMs: number) => {
        const created = await request(rig.server.url, 'POST', '/api/tasks', {
          token,
          body: { title, assignee: '130822', deadline: new Date(Date.now() + inMs).toISOString() },
        });
        expect(created.status).toBe(201);
        return created.body.id as string;
      };
      const overdueRows = async (id: string) =>
        ((await request(rig.server.url, 'GET', `/api/tasks/${id}`, { token })).body.timeline as Array<{ action: string }>).filter(
          (e) => e.action === 'overdue',
        ).length;

      // The sweep that finds the task overdue stops inside its transaction, its rows written, and is killed there.
      await restart('SIGTERM', 'deadline-escalation');
      const task = await createTask('逾期测试', 3_000);
      await killAt('deadline-escalation');

      await restart('SIGKILL');
      await waitUntil(async () => (await overdueRows(task)) > 0, 60_000, 'the escalation fired after the restart');
      expect(await overdueRows(task)).toBe(1);

      // Killed again, the next process sweeps once more: a second task coming due shows a sweep has run since.
      const marker = await createTask('逾期测试 marker', 2_000);
      await restart('SIGKILL');
      await waitUntil(async () => (await overdueRows(marker)) > 0, 60_000, 'a sweep after the second restart');
      expect(await overdueRows(task)).toBe(1);
      expect((await allEvents()).filter((e) => e.type === 'task.overdue' && e.subject.id === task)).toHaveLength(1);
    },
    RESTARTS_TIMEOUT_MS,
  );

  it(
    'writes nothing of an alert storm killed inside its transaction, and a retry makes each alert once',
    async () => {
      // A detection worker's token, made as an operator would, while no server holds the store.
      await rig.server.stop('SIGTERM');
      const made = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'server/cli/token.ts', 'create', '--name', 'storm', '--kind', 'analytics'],
        {
          cwd: ROOT,
          env: { ...process.env, ...rig.env },
          encoding: 'utf8',
        },
      );
      expect(made.status, made.stderr).toBe(0);
      const worker = made.stdout.trim();

      await restart('SIGTERM', 'alert-ingest');
      const cameras = (await request(rig.server.url, 'GET', '/api/cameras?pageSize=40', { token })).body.items as Array<{ id: string }>;
      expect(cameras).toHaveLength(40);
      const alertsOf = async (cameraId: string) =>
        (
          (await request(rig.server.url, 'GET', `/api/alerts?camera=${cameraId}&pageSize=50`, { token })).body.items as Array<{
            id: string;
            count: number;
          }>
        )
          .map((alert) => `${alert.id}×${alert.count}`)
          .sort();
      const snapshot = async () => Promise.all(cameras.map((camera) => alertsOf(camera.id)));
      const before = await snapshot();

      const post = (cameraId: string, i: number) =>
        request(rig.server.url, 'POST', '/api/alerts', {
          token: worker,
          body: { source: 'ai', category: 'smoking', cameraId, confidence: 0.9, idempotencyKey: `storm-key-${i}` },
        });
      const storm = cameras.map((camera, i) =>
        post(camera.id, i).then(
          (response) => response.status,
          () => 0,
        ),
      );
      await killAt('alert-ingest');
      expect(await Promise.all(storm)).toEqual(cameras.map(() => 0));

      await restart('SIGKILL');
      // Nothing of the storm: not an alert, not a fold into an existing one.
      expect(await snapshot()).toEqual(before);
      const retried = await Promise.all(cameras.map((camera, i) => post(camera.id, i)));
      for (const answer of retried) {
        expect([200, 201]).toContain(answer.status);
        // A key the killed transaction had claimed would answer as a replay.
        expect(answer.body.outcome).not.toBe('replayed');
      }
      const again = await Promise.all(cameras.map((camera, i) => post(camera.id, i)));
      again.forEach((answer, i) => {
        expect(answer.body.outcome).toBe('replayed');
        expect(answer.body.alert.id).toBe(retried[i]!.body.alert.id);
      });
      const raised = new Set(retried.map((answer) => answer.body.alert.id as string));
      const raisedEvents = (await allEvents()).filter((e) => e.type === 'alert.raised' && raised.has(e.subject.id));
      expect(raisedEvents.length).toBe(retried.filter((answer) => answer.body.outcome === 'created').length);
    },
    RESTARTS_TIMEOUT_MS,
  );
});
