// A real server process killed at the worst moments: in the middle of a bulk dispatch to every school of
// Chengde (all or nothing; a retry makes no duplicates), and around a task's deadline (the overdue
// escalation fires exactly once across restarts).
import { beforeAll, describe, expect, it } from 'vitest';
import { sleep } from './support/sockets';
import { useServerProcesses } from './support/process-rig';
import { loginAt, request } from './support/test-server';

const PASSWORD = 'crash-Test-1';

describe('killed and restarted', () => {
  const rig = useServerProcesses(PASSWORD);
  let token: string;
  let codes: string[];

  const restart = async (signal: NodeJS.Signals) => {
    token = await loginAt((await rig.restart(signal)).url, 'city.duty', PASSWORD);
  };
  const batchTasks = async (key: string) => {
    const list = await request(rig.server.url, 'GET', '/api/tasks?box=outbox&pageSize=1&q=' + encodeURIComponent(key), { token });
    return list.body.total as number;
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
  });

  it('keeps a bulk dispatch killed mid-way all or nothing, and a retry makes each task once', async () => {
    const bulk = (title: string, key: string) =>
      request(rig.server.url, 'POST', '/api/tasks/bulk', {
        token,
        body: { title, target: { kind: 'schools', codes }, deadlineHours: 72, idempotencyKey: key },
      });

    const started = Date.now();
    const timed = await bulk('计时批次 timing-run', 'bulk-crash-timing');
    expect(timed.status).toBe(201);
    const duration = Date.now() - started;

    for (const [round, fraction] of [0.3, 0.6].entries()) {
      const title = `专项整改 crash-${round}`;
      const key = `bulk-crash-${round}-key`;
      const attempt = bulk(title, key).then(
        (response) => response.status,
        () => 0,
      );
      await sleep(Math.max(20, duration * fraction));
      await restart('SIGKILL');
      const status = await attempt;
      const written = await batchTasks(`crash-${round}`);
      console.log(
        `round ${round}: killed at ${Math.round(duration * fraction)} of ${duration} ms, request status ${status}, tasks written ${written}`,
      );
      expect([0, codes.length], `round ${round}: status ${status}, ${written} tasks written`).toContain(written);
      if (status === 201) expect(written).toBe(codes.length);

      const retried = await bulk(title, key);
      expect([200, 201]).toContain(retried.status);
      expect(retried.body.count).toBe(codes.length);
      expect(await batchTasks(`crash-${round}`)).toBe(codes.length);
    }
  });

  it('fires an overdue escalation exactly once across restarts', async () => {
    const deadline = new Date(Date.now() + 4000).toISOString();
    const created = await request(rig.server.url, 'POST', '/api/tasks', {
      token,
      body: { title: '逾期测试', assignee: '130822', deadline },
    });
    expect(created.status).toBe(201);
    await rig.server.stop('SIGTERM');
    await sleep(4500);
    await restart('SIGTERM');
    const overdueRows = async () =>
      (
        (await request(rig.server.url, 'GET', `/api/tasks/${created.body.id}`, { token })).body.timeline as Array<{ action: string }>
      ).filter((e) => e.action === 'overdue').length;
    for (let i = 0; i < 100 && (await overdueRows()) === 0; i += 1) await sleep(100);
    expect(await overdueRows()).toBe(1);
    await restart('SIGKILL');
    await sleep(2500);
    expect(await overdueRows()).toBe(1);
    const events: Array<{ seq: number; type: string; subject: { id: string } }> = [];
    for (let since = 0; ;) {
      const page = (await request(rig.server.url, 'GET', `/api/events?since=${since}&limit=1000`, { token })).body.events as typeof events;
      if (page.length === 0) break;
      events.push(...page);
      since = page.at(-1)!.seq;
    }
    expect(events.filter((e) => e.type === 'task.overdue' && e.subject.id === created.body.id)).toHaveLength(1);
  });
});
