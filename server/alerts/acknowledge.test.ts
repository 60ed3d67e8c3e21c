// Acknowledging (知悉) an alert is kept on the server, per user: a county officer acknowledges a school's
// emergency report once, however often the button is pressed; the banner's list then leaves it out for that
// officer and not for the city's duty officer; the officer's other screens hear of it live; a county that
// does not hold the school, and a school manager, cannot acknowledge it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket } from '../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

type School = TestServer['dataset']['schools'][number];

describe('acknowledging an alert', () => {
  let t: TestServer;
  let school: School;
  let elsewhere: School;
  let alertId: string;
  const tokens: Record<string, string> = {};
  const login = async (username: string) => (tokens[username] ??= await t.login(username));
  const countyOf = (s: School) => login(`county.${s.countyCode}`);
  const userId = async (username: string) => ((await t.db('users').where({ username }).first('id')) as { id: string }).id;
  const acknowledge = async (token: string, id = alertId) => t.request('POST', `/api/alerts/${id}/acknowledge`, { token });
  const pending = async (token: string) => {
    const response = await t.request('GET', `/api/alerts?category=emergency_report&school=${school.id}&unacknowledged=true`, { token });
    expect(response.status).toBe(200);
    return (response.body.items as Array<{ id: string }>).map((alert) => alert.id);
  };
  const rows = async () => Number((await t.db('alert_acknowledgements').where({ alert_id: alertId }).count({ n: '*' }))[0]!.n);

  beforeAll(async () => {
    t = await startTestServer({ canteens: 40 });
    school = t.dataset.schools[0]!;
    elsewhere = t.dataset.schools.find((s) => s.countyCode !== school.countyCode)!;
    const report = await t.request('POST', '/api/ledgers/entries', {
      token: await login(`school.${school.code}`),
      body: {
        kind: 'emergency_report',
        payload: {
          type: 'suspected_food_poisoning',
          occurredAt: t.clock.now().toISOString(),
          affected: 4,
          description: '午餐后四名学生腹痛',
          measures: '已送医，封存留样',
        },
        idempotencyKey: 'ack-emergency-1',
      },
    });
    expect(report.status).toBe(201);
    const alert = (await t.db('alerts').where({ school_id: school.id, category: 'emergency_report' }).first('id')) as { id: string };
    alertId = alert.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps one acknowledgement per officer, leaves it out of that officer’s pending list only, and tells their other screens', async () => {
    const countyToken = await countyOf(school);
    const countyUser = await userId(`county.${school.countyCode}`);
    const otherScreen = new TestSocket(t.url, countyToken);
    try {
      await otherScreen.ready();
      expect(await pending(countyToken)).toContain(alertId);
      expect(await pending(await login('city.duty'))).toContain(alertId);

      const first = await acknowledge(countyToken);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ alertId, userId: countyUser });
      await otherScreen.waitForEvents((events) =>
        events.some((e) => e.type === 'alert.acknowledged' && e.subject.id === alertId && e.data.userId === countyUser),
      );

      // Gone from the county officer's banner list, still on the city's duty officer's.
      expect(await pending(countyToken)).not.toContain(alertId);
      expect(await pending(await login('city.duty'))).toContain(alertId);
      // Without the filter the alert is still listed: acknowledging is not triage.
      const all = await t.request('GET', `/api/alerts?category=emergency_report&school=${school.id}`, { token: countyToken });
      expect((all.body.items as Array<{ id: string; status: string }>).find((a) => a.id === alertId)?.status).toBe('new');

      // Pressed again (another screen, a retry): the same acknowledgement, no second row, no second event.
      const again = await acknowledge(countyToken);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await rows()).toBe(1);
      const audits = await t.db('audit_log').where({ action: 'alert.acknowledge', target_id: alertId }).select('actor_id');
      expect(audits).toEqual([{ actor_id: countyUser }]);
      const events = await t.db('event_log').where({ type: 'alert.acknowledged', subject_id: alertId }).count({ n: '*' });
      expect(Number(events[0]!.n)).toBe(1);

      // The city's duty officer acknowledges for themselves: a second row, their own.
      expect((await acknowledge(await login('city.duty'))).status).toBe(200);
      expect(await rows()).toBe(2);
      expect(await pending(await login('city.duty'))).not.toContain(alertId);
    } finally {
      otherScreen.close();
    }
  });

  it('answers 404 to a county that does not hold the school and 403 to a school manager', async () => {
    const before = await rows();
    const outside = await acknowledge(await countyOf(elsewhere));
    expect(outside.status).toBe(404);
    const manager = await acknowledge(await login(`school.${school.code}`));
    expect(manager.status).toBe(403);
    expect((await acknowledge(await countyOf(school), '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(await rows()).toBe(before);
  });
});
