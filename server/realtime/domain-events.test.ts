// Events of each kind of action reach exactly the sockets in scope: the city, the county of the school and
// the school itself — never another county or another school.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket } from '../../tests/support/sockets';
import { putSetting, settleSockets } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

type Who = 'city' | 'county' | 'school' | 'otherCounty' | 'otherSchool' | 'siblingSchool';

describe('domain events reach exactly the sockets in scope', () => {
  let t: TestServer;
  const tokens = {} as Record<Who, string>;
  const sockets = {} as Record<Who, TestSocket>;
  let school: { id: string; code: string };

  beforeAll(async () => {
    t = await startTestServer();
    const xinglong = t.dataset.schools.filter((s) => s.countyCode === '130822');
    school = xinglong[0]!;
    tokens.city = await t.login('city.admin');
    tokens.county = await t.login('county.130822');
    tokens.school = await t.login(`school.${school.code}`);
    tokens.otherCounty = await t.login('county.130824');
    tokens.otherSchool = await t.login(`school.${t.dataset.schools.find((s) => s.countyCode === '130824')!.code}`);
    tokens.siblingSchool = await t.login(`school.${xinglong[1]!.code}`);
    for (const who of Object.keys(tokens) as Who[]) sockets[who] = new TestSocket(t.url, tokens[who]);
    await Promise.all(Object.values(sockets).map((s) => s.ready()));
  });
  afterAll(async () => {
    for (const socket of Object.values(sockets)) socket.close();
    await t?.close();
  });

  it('for alerts, triage, patrols and complaints', async () => {
    const camera = t.dataset.cameras.find((c) => c.schoolId === school.id)!;
    const canteen = t.dataset.canteens.find((c) => c.schoolId === school.id)!;
    const raised = await t.request('POST', '/api/alerts', {
      token: tokens.county,
      body: { source: 'patrol', category: 'no_chef_hat', cameraId: camera.id },
    });
    const folded = await t.request('POST', '/api/alerts', {
      token: tokens.county,
      body: { source: 'patrol', category: 'no_chef_hat', cameraId: camera.id },
    });
    await t.request('POST', `/api/alerts/${raised.body.alert.id}/dismiss`, {
      token: tokens.county,
      body: { version: folded.body.alert.version, reason: '戴了帽子，角度原因' },
    });
    const checklist = (await t.request('GET', '/api/checklists', { token: tokens.city })).body.items.find(
      (c: { kind: string }) => c.kind === 'remote_patrol',
    );
    const answers = checklist.content.sections
      .flatMap((s: { items: Array<{ code: string }> }) => s.items)
      .map((i: { code: string }) => ({ item: i.code, result: 'pass' }));
    await t.request('POST', '/api/patrol/records', {
      token: tokens.city,
      body: { canteenId: canteen.id, checklistId: checklist.id, answers },
    });
    await t.request('POST', '/api/public/complaints', { body: { schoolId: school.id, category: 'hygiene', text: '餐具上有油渍没洗干净' } });

    const expected = ['alert.raised', 'alert.updated', 'alert.dismissed', 'patrol.recorded', 'complaint.received'];
    const kinds = (who: Who) => sockets[who].events.map((e) => e.type).filter((type) => expected.includes(type) || type === 'alert.raised');
    await sockets.city.waitForEvents((events) => expected.every((type) => events.some((e) => e.type === type)));
    await settleSockets(t, tokens.city, Object.values(sockets));
    for (const who of ['city', 'county', 'school'] as const) {
      expect(new Set(kinds(who)), who).toEqual(new Set(expected));
    }
    for (const who of ['otherCounty', 'otherSchool', 'siblingSchool'] as const) expect(kinds(who), who).toEqual([]);
  });

  it('for settings: the city’s setting reaches the city and everything below it', async () => {
    const put = await putSetting(t, tokens.city, 'tasks.defaultDeadlineHours', 96);
    expect(put.status).toBe(200);
    for (const who of Object.keys(sockets) as Who[]) {
      await sockets[who].waitForEvents((events) =>
        events.some((e) => e.type === 'settings.updated' && e.subject.id === 'tasks.defaultDeadlineHours'),
      );
    }
  });
});
