// Deadlines: a reminder before the deadline, then overdue — marked once, escalated to the issuer, and
// counted against the assignee — however often and however concurrently the sweep runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif, upload } from '../../tests/support/images';
import { TestSocket } from '../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { sweepDeadlines } from './commands/sweepDeadlines';

describe('task deadlines', () => {
  let t: TestServer;
  let county: string;
  let schoolToken: string;
  let school: { code: string };
  const timeline = async (id: string) =>
    ((await t.request('GET', `/api/tasks/${id}`, { token: county })).body.timeline as Array<{ action: string; details: any }>).map(
      (e) => e.action,
    );

  beforeAll(async () => {
    t = await startTestServer();
    county = await t.login('county.130822');
    school = t.dataset.schools.find((s) => s.countyCode === '130822')!;
    schoolToken = await t.login(`school.${school.code}`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reminds before the deadline, then marks overdue once and escalates to the issuer', async () => {
    const countySocket = new TestSocket(t.url, county);
    const schoolSocket = new TestSocket(t.url, schoolToken);
    await Promise.all([countySocket.ready(), schoolSocket.ready()]);
    const deadline = new Date(t.clock.now().getTime() + 10 * 3_600_000);
    const late = (
      await t.request('POST', '/api/tasks', {
        token: county,
        body: { title: '健康证更新', assignee: school.code, deadline: deadline.toISOString() },
      })
    ).body;
    const onTime = (
      await t.request('POST', '/api/tasks', {
        token: county,
        body: { title: '消毒记录补录', assignee: school.code, deadline: deadline.toISOString() },
      })
    ).body;

    await sweepDeadlines(t.server.ctx);
    expect(await timeline(late.id)).toEqual(['dispatch']);

    // The reminder comes a fifth of the way before a short deadline (2 h of 10 h), not 24 h before.
    t.clock.advance(7 * 3_600_000);
    await sweepDeadlines(t.server.ctx);
    expect(await timeline(late.id)).toEqual(['dispatch']);
    t.clock.advance(1.5 * 3_600_000);
    await sweepDeadlines(t.server.ctx);
    // Hours have passed on the test clock: sessions idle that long have expired, as they should.
    county = await t.login('county.130822');
    schoolToken = await t.login(`school.${school.code}`);
    expect(await timeline(late.id)).toEqual(['dispatch', 'due_soon']);
    await schoolSocket.waitForEvents((events) => events.some((e) => e.type === 'task.due_soon' && e.subject.id === late.id));

    // One task is submitted in time; the other is not.
    await t.request('POST', `/api/tasks/${onTime.id}/actions`, { token: schoolToken, body: { action: 'accept', version: 1 } });
    const photo = (await upload(t.url, schoolToken, await jpegWithExif())).body.id;
    await t.request('POST', `/api/tasks/${onTime.id}/actions`, {
      token: schoolToken,
      body: { action: 'submit', version: 2, note: '已补录', attachmentIds: [photo] },
    });

    t.clock.advance(3 * 3_600_000);
    await Promise.all([sweepDeadlines(t.server.ctx), sweepDeadlines(t.server.ctx), sweepDeadlines(t.server.ctx)]);
    await sweepDeadlines(t.server.ctx);
    expect(await timeline(late.id)).toEqual(['dispatch', 'due_soon', 'overdue']);
    expect(await timeline(onTime.id)).not.toContain('overdue');
    const detail = (await t.request('GET', `/api/tasks/${late.id}`, { token: county })).body;
    expect(detail).toMatchObject({ overdue: true, overdueAt: expect.any(String) });
    expect(detail.timeline.at(-1).details).toMatchObject({ escalatedTo: '130822' });

    await countySocket.waitForEvents((events) => events.some((e) => e.type === 'task.overdue' && e.subject.id === late.id));
    const city = await t.login('city.duty');
    const cityEvents = await t.request('GET', '/api/events?since=0&limit=1000', { token: city });
    expect(
      cityEvents.body.events.filter(
        (e: { type: string; subject: { id: string } }) => e.type === 'task.overdue' && e.subject.id === late.id,
      ),
    ).toHaveLength(1);

    const inbox = await t.request('GET', '/api/tasks?box=inbox', { token: schoolToken });
    expect(inbox.body.items[0].id).toBe(late.id);
    expect((await t.request('GET', '/api/tasks/counts?box=inbox', { token: schoolToken })).body.overdue).toBe(1);
    const overdueOnly = await t.request('GET', '/api/tasks?overdue=true', { token: county });
    expect(overdueOnly.body.items.map((task: { id: string }) => task.id)).toEqual([late.id]);
    // Once it is no longer owed (here cancelled by the county that issued it) it leaves the overdue list too.
    const current = (await t.request('GET', `/api/tasks/${late.id}`, { token: county })).body;
    const cancelled = await t.request('POST', `/api/tasks/${late.id}/actions`, {
      token: county,
      body: { action: 'cancel', version: current.version, reason: '学校已停办食堂' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect((await t.request('GET', '/api/tasks?overdue=true', { token: county })).body.items).toEqual([]);
    expect((await t.request('GET', '/api/tasks/counts', { token: county })).body.overdue).toBe(0);
    countySocket.close();
    schoolSocket.close();
  });

  it('gives a task returned near or past its deadline a fresh one', async () => {
    county = await t.login('county.130822');
    schoolToken = await t.login(`school.${school.code}`);
    const deadline = new Date(t.clock.now().getTime() + 3 * 3_600_000).toISOString();
    const task = (
      await t.request('POST', '/api/tasks', { token: county, body: { title: '留样冰箱温度', assignee: school.code, deadline } })
    ).body;
    await t.request('POST', `/api/tasks/${task.id}/actions`, { token: schoolToken, body: { action: 'accept', version: 1 } });
    const photo = (await upload(t.url, schoolToken, await jpegWithExif())).body.id;
    await t.request('POST', `/api/tasks/${task.id}/actions`, {
      token: schoolToken,
      body: { action: 'submit', version: 2, note: '已调整温度', attachmentIds: [photo] },
    });
    const returned = await t.request('POST', `/api/tasks/${task.id}/actions`, {
      token: county,
      body: { action: 'return', version: 3, reason: '请上传温度计读数照片' },
    });
    expect(new Date(returned.body.deadline).getTime()).toBeGreaterThan(t.clock.now().getTime() + 48 * 3_600_000);
  });
});
