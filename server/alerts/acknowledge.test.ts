// Acknowledging (知悉) an alert is kept on the server, per user: a county officer acknowledges a school's
// emergency report once, however often the button is pressed; the banner's list then leaves it out for that
// officer and not for the city's duty officer; the officer's other screens hear of it live; a county that
// does not hold the school, and a school manager, cannot acknowledge it. Who acknowledged, and when, is listed
// for those in scope, first first; another county gets 404.
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
  /** A school reports an emergency; answers the alert it raised. */
  const reportEmergency = async (s: School, idempotencyKey: string) => {
    const report = await t.request('POST', '/api/ledgers/entries', {
      token: await login(`school.${s.code}`),
      body: {
        kind: 'emergency_report',
        payload: {
          type: 'suspected_food_poisoning',
          occurredAt: t.clock.now().toISOString(),
          affected: 4,
          description: '午餐后四名学生腹痛',
          measures: '已送医，封存留样',
        },
        idempotencyKey,
      },
    });
    expect(report.status).toBe(201);
    const alert = (await t.db('alerts').where({ school_id: s.id, category: 'emergency_report' }).first('id')) as { id: string };
    return alert.id;
  };

  beforeAll(async () => {
    t = await startTestServer({ canteens: 40 });
    school = t.dataset.schools[0]!;
    elsewhere = t.dataset.schools.find((s) => s.countyCode !== school.countyCode)!;
    alertId = await reportEmergency(school, 'ack-emergency-1');
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

  it('lists who acknowledged an alert, first first, with their names and nodes, to those in scope only', async () => {
    const reported = await reportEmergency(elsewhere, 'ack-emergency-2');
    const list = async (token: string) => t.request('GET', `/api/alerts/${reported}/acknowledgements`, { token });
    const duty = await login('city.duty');
    expect((await list(duty)).body).toEqual({ items: [] });

    const county = await acknowledge(await countyOf(elsewhere), reported);
    expect(county.status).toBe(200);
    t.clock.advance(60_000);
    const city = await acknowledge(duty, reported);
    expect(city.status).toBe(200);

    const person = async (username: string) => {
      const row = (await t
        .db('users as u')
        .join('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .where('u.username', username)
        .first('u.id', 'u.display_name', 'j.code', 'j.name')) as { id: string; display_name: string; code: string; name: string };
      return { id: row.id, displayName: row.display_name, node: { code: row.code, name: row.name } };
    };
    const expected = {
      items: [
        { user: await person(`county.${elsewhere.countyCode}`), at: county.body.acknowledgedAt },
        { user: await person('city.duty'), at: city.body.acknowledgedAt },
      ],
    };
    expect(expected.items[0]!.user.node.code).toBe(elsewhere.countyCode);
    expect(expected.items[1]!.user.node.code).toBe('130800');
    // The duty officer, the reporting county and its school all read the same list.
    expect((await list(duty)).body).toEqual(expected);
    const countyList = await list(await countyOf(elsewhere));
    expect(countyList.status).toBe(200);
    expect(countyList.body).toEqual(expected);
    expect((await list(await login(`school.${elsewhere.code}`))).body).toEqual(expected);

    // Another county does not learn the alert exists; nor does anyone of an alert that does not.
    const outside = await list(await countyOf(school));
    expect(outside.status).toBe(404);
    expect(outside.body).not.toHaveProperty('items');
    const missing = await t.request('GET', '/api/alerts/00000000-0000-4000-8000-000000000000/acknowledgements', { token: duty });
    expect(missing.status).toBe(404);
  });
});
