// Alerts: a retried post makes one alert; repeats fold into the open alert; triage confirms
// (with a task) or dismisses with a reason; a city can make a category go straight to the school.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif, upload } from '../../tests/support/images';
import { TestSocket } from '../../tests/support/sockets';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';

describe('alerts', () => {
  let t: TestServer;
  let analytics: string;
  let duty: string;
  let county: string;
  let camera: { id: string; schoolId: string };
  let otherCamera: { id: string };
  let school: { id: string; code: string; countyCode: string };

  const raise = (body: object, token = analytics) => t.request('POST', '/api/alerts', { token, body });
  const count = async () => Number((await t.db('alerts').count({ n: '*' }))[0]!.n);

  beforeAll(async () => {
    t = await startTestServer();
    analytics = (await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'analytics-1', kind: 'analytics' })).token;
    duty = await t.login('city.duty');
    school = t.dataset.schools.find((s) => s.countyCode === '130822')!;
    county = await t.login('county.130822');
    const cameras = t.dataset.cameras.filter((c) => c.schoolId === school.id);
    camera = cameras[0]!;
    otherCamera = cameras[1]!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('makes one alert of a retried post, and writes nothing for the retry', async () => {
    const body = { source: 'ai', category: 'smoking', cameraId: camera.id, confidence: 0.91, idempotencyKey: 'det-cam1-0001' };
    const before = await count();
    const first = await raise(body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      outcome: 'created',
      alert: { category: 'smoking', categoryName: '吸烟', severity: 'high', status: 'new', count: 1 },
    });
    const alertEvents = async () => Number((await t.db('event_log').where('type', 'like', 'alert.%').count({ n: '*' }))[0]!.n);
    const events = await alertEvents();
    const retried = await Promise.all([raise(body), raise(body), raise(body)]);
    for (const response of retried) {
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ outcome: 'replayed', alert: { id: first.body.alert.id, count: 1 } });
    }
    expect(await count()).toBe(before + 1);
    expect(await alertEvents()).toBe(events);
  });

  it('requires services to send an idempotency key', async () => {
    const response = await raise({ source: 'ai', category: 'smoking', cameraId: camera.id });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('idempotency_key_required');
  });

  it('folds repeats on one camera into its open alert, keeping the newest evidence, and not across cameras or categories', async () => {
    const base = Date.now() - 60 * 60_000;
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    const snap = (await upload(t.url, duty, await jpegWithExif(), { node: school.code, purpose: 'snapshot' })).body.id as string;
    const a = await raise({
      source: 'ai',
      category: 'no_mask',
      cameraId: camera.id,
      detectedAt: at(0),
      confidence: 0.6,
      idempotencyKey: 'fold-0001',
    });
    const b = await raise({
      source: 'ai',
      category: 'no_mask',
      cameraId: camera.id,
      detectedAt: at(4),
      confidence: 0.8,
      snapshotId: snap,
      idempotencyKey: 'fold-0002',
      boxes: [{ label: 'person', score: 0.8, box: [10, 20, 110, 220] }],
    });
    const c = await raise({
      source: 'ai',
      category: 'no_mask',
      cameraId: camera.id,
      detectedAt: at(9),
      confidence: 0.7,
      idempotencyKey: 'fold-0003',
    });
    expect([a.body.outcome, b.body.outcome, c.body.outcome]).toEqual(['created', 'folded', 'folded']);
    expect(c.body.alert).toMatchObject({
      id: a.body.alert.id,
      count: 3,
      firstSeenAt: at(0),
      lastSeenAt: at(9),
      snapshotId: snap,
      confidence: 0.7,
    });
    expect(c.body.alert.boxes).toEqual([{ label: 'person', score: 0.8, box: [10, 20, 110, 220] }]);

    const elsewhere = await raise({
      source: 'ai',
      category: 'no_mask',
      cameraId: otherCamera.id,
      detectedAt: at(9),
      idempotencyKey: 'fold-0004',
    });
    expect(elsewhere.body.outcome).toBe('created');
    const otherKind = await raise({
      source: 'ai',
      category: 'phone_use',
      cameraId: camera.id,
      detectedAt: at(9),
      idempotencyKey: 'fold-0005',
    });
    expect(otherKind.body.outcome).toBe('created');
    // Half an hour on, the alert is still waiting for a decision: the repeat joins it (alerts/case.test.ts has the rest).
    const later = await raise({ source: 'ai', category: 'no_mask', cameraId: camera.id, detectedAt: at(30), idempotencyKey: 'fold-0006' });
    expect(later.body).toMatchObject({ outcome: 'folded', alert: { id: a.body.alert.id, count: 4 } });
  });

  it('folds concurrent posts about the same thing into one alert', async () => {
    const posts = Array.from({ length: 8 }, (_, i) =>
      raise({ source: 'ai', category: 'rodent', cameraId: otherCamera.id, idempotencyKey: `rat-${i}-0000` }),
    );
    const results = await Promise.all(posts);
    expect(new Set(results.map((r) => r.body.alert.id)).size).toBe(1);
    expect(results.filter((r) => r.body.outcome === 'created')).toHaveLength(1);
    expect(results.at(-1)!.body.alert.count + 0).toBeGreaterThan(0);
    expect((await t.db('alerts').where({ category: 'rodent' }).first('count')).count).toBe(8);
  });

  it('lets an operator confirm an alert straight into a task carrying its snapshot', async () => {
    const socket = new TestSocket(t.url, county);
    await socket.ready();
    const snap = (await upload(t.url, duty, await jpegWithExif(), { node: school.code, purpose: 'snapshot' })).body.id as string;
    const raised = await raise({ source: 'ai', category: 'animal', cameraId: camera.id, snapshotId: snap, idempotencyKey: 'dog-0001' });
    const confirmed = await t.request('POST', `/api/alerts/${raised.body.alert.id}/confirm`, {
      token: county,
      body: { version: raised.body.alert.version, dispatch: { to: 'school', deadlineHours: 24, note: '立即驱赶并排查' } },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', taskId: expect.any(String) });
    const task = await t.request('GET', `/api/tasks/${confirmed.body.taskId}`, { token: county });
    expect(task.body).toMatchObject({
      source: 'alert',
      category: 'animal',
      alertId: raised.body.alert.id,
      assignee: { code: school.code },
      issuer: { code: '130822' },
    });
    expect(task.body.timeline[0].attachmentIds).toEqual([snap]);
    await socket.waitForEvents((events) => events.some((e) => e.type === 'alert.confirmed' && e.subject.id === raised.body.alert.id));
    expect(socket.events.find((e) => e.type === 'alert.raised' && e.subject.id === raised.body.alert.id)?.data).toMatchObject({
      category: 'animal',
      school: { name: expect.any(String) },
      camera: { id: camera.id },
    });
    socket.close();

    const again = await t.request('POST', `/api/alerts/${raised.body.alert.id}/dismiss`, {
      token: county,
      body: { version: confirmed.body.version, reason: '误报' },
    });
    expect(again.status).toBe(409);
  });

  it('keeps a dismissed alert with its reason, as training feedback', async () => {
    const raised = await raise({
      source: 'ai',
      category: 'phone_use',
      cameraId: otherCamera.id,
      idempotencyKey: 'phone-0001',
      confidence: 0.52,
    });
    const dismissed = await t.request('POST', `/api/alerts/${raised.body.alert.id}/dismiss`, {
      token: duty,
      body: { version: raised.body.alert.version, reason: '是温度计，不是手机' },
    });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissReason: '是温度计，不是手机' });
    const listed = await t.request('GET', '/api/alerts?status=dismissed', { token: duty });
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(raised.body.alert.id);
  });

  it('confirms an alert that detections kept folding into after the operator opened it, and refuses a second triage', async () => {
    const first = await raise({ source: 'ai', category: 'no_chef_hat', cameraId: otherCamera.id, idempotencyKey: 'hat-0001' });
    const seenVersion = first.body.alert.version;
    const folded = await raise({ source: 'ai', category: 'no_chef_hat', cameraId: otherCamera.id, idempotencyKey: 'hat-0002' });
    expect(folded.body.alert).toMatchObject({ id: first.body.alert.id, count: 2 });
    expect(folded.body.alert.version).toBeGreaterThan(seenVersion);
    const confirmed = await t.request('POST', `/api/alerts/${first.body.alert.id}/confirm`, {
      token: duty,
      body: { version: seenVersion },
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', count: 2 });
    const again = await t.request('POST', `/api/alerts/${first.body.alert.id}/dismiss`, {
      token: duty,
      body: { version: confirmed.body.version, reason: '重复研判' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('illegal_transition');
  });

  it('sends categories the city set to auto-dispatch to the school at once', async () => {
    const admin = await t.login('city.admin');
    const set = await putSetting(t, admin, 'alerts.autoDispatch', { smoking: { deadlineHours: 12 } });
    expect(set.status).toBe(200);
    expect((await putSetting(t, duty, 'alerts.autoDispatch', {})).status).toBe(403);
    expect((await putSetting(t, admin, 'alerts.autoDispatch', { smoking: { deadlineHours: 0 } })).status).toBe(400);
    const raised = await raise({ source: 'ai', category: 'smoking', cameraId: otherCamera.id, idempotencyKey: 'smoke-auto-0001' });
    expect(raised.body.alert).toMatchObject({ status: 'confirmed', taskId: expect.any(String) });
    const schoolToken = await t.login(`school.${school.code}`);
    const task = await t.request('GET', `/api/tasks/${raised.body.alert.taskId}`, { token: schoolToken });
    expect(task.body).toMatchObject({ state: 'dispatched', issuer: { code: '130800' }, category: 'smoking' });
    expect(new Date(task.body.deadline).getTime() - Date.now()).toBeLessThan(12 * 3_600_000 + 60_000);
    await putSetting(t, admin, 'alerts.autoDispatch', {});
  });

  it('filters and pages alerts in scope only', async () => {
    const mine = await t.request('GET', `/api/alerts?category=no_mask&school=${school.id}&pageSize=1`, { token: county });
    expect(mine.body.total).toBeGreaterThanOrEqual(2);
    expect(mine.body.items).toHaveLength(1);
    const foreign = await t.login('county.130824');
    expect(
      (await t.request('GET', '/api/alerts?pageSize=500', { token: foreign })).body.items.every(
        (a: { county: { code: string } }) => a.county.code === '130824',
      ),
    ).toBe(true);
    expect((await t.request('GET', `/api/alerts?school=${school.id}`, { token: foreign })).status).toBe(404);
    const anAlert = mine.body.items[0].id as string;
    expect((await t.request('GET', `/api/alerts/${anAlert}`, { token: foreign })).status).toBe(404);
    expect(
      (await t.request('POST', '/api/alerts', { token: foreign, body: { source: 'patrol', category: 'no_mask', cameraId: camera.id } }))
        .status,
    ).toBe(404);
  });
});
