// The alert as a case, as the duty officer meets it: a camera detecting the same thing for an hour is one
// alert with its count, joined while its task is open, and a new alert only after the task closed and the
// quiet gap passed; a camera that goes down and comes back resolves its own alert with the outage's length;
// many alerts are confirmed or dismissed at once with one reason; the task carries the case to the school.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif, upload } from '../../tests/support/images';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';

interface AlertBody {
  id: string;
  status: string;
  count: number;
  taskId: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  decidedBy: { kind: string; name: string } | null;
  details: Record<string, unknown> | null;
  version: number;
}

describe('the alert case', () => {
  let t: TestServer;
  let analytics: string;
  let relay: string;
  let duty: string;
  let admin: string;
  let school: { id: string; code: string; countyCode: string };
  let cameras: Array<{ id: string; schoolId: string }>;
  let key = 0;

  const raise = (body: object) =>
    t.request<{ alert: AlertBody; outcome: string }>('POST', '/api/alerts', {
      token: analytics,
      body: { source: 'ai', idempotencyKey: `alert-case-${(key += 1)}`, ...body },
    });
  const alertsOf = async (cameraId: string, category: string) =>
    (await t.db('alerts').where({ camera_id: cameraId, category }).orderBy('first_seen_at').select('id', 'status', 'count')) as Array<{
      id: string;
      status: string;
      count: number;
    }>;
  const eventsOf = async (alertId: string) =>
    ((await t.db('event_log').where({ subject_id: alertId }).orderBy('seq').pluck('type')) as string[]).filter((type) =>
      type.startsWith('alert.'),
    );

  beforeAll(async () => {
    t = await startTestServer();
    analytics = (await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'analytics-case', kind: 'analytics' }))
      .token;
    relay = (await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'relay-case', kind: 'relay' })).token;
    duty = await t.login('city.duty');
    admin = await t.login('city.admin');
    school = t.dataset.schools.find((s) => s.countyCode === '130822')!;
    cameras = t.dataset.cameras.filter((c) => c.schoolId === school.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps an hour of the same detection on one camera as one alert while its task is open, and a new one only after the task closed and the gap passed', async () => {
    const camera = cameras[0]!;
    const start = t.clock.now().getTime() - 61 * 60_000;
    const at = (minute: number) => new Date(start + minute * 60_000).toISOString();
    const first = await raise({ category: 'animal', cameraId: camera.id, detectedAt: at(0), confidence: 0.4 });
    expect(first.body, JSON.stringify(first.body)).toMatchObject({ outcome: 'created' });
    for (let minute = 1; minute < 5; minute += 1) await raise({ category: 'animal', cameraId: camera.id, detectedAt: at(minute) });

    const confirmed = await t.request<AlertBody>('POST', `/api/alerts/${first.body.alert.id}/confirm`, {
      token: duty,
      body: { version: first.body.alert.version, dispatch: { to: 'school', note: '立即清理后厨并检查门窗纱网' } },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', decidedBy: { kind: 'user' } });
    const taskId = confirmed.body.taskId!;

    // Fifty-five more minutes of the same thing, ten posts at a time: all of it joins the case.
    for (let minute = 5; minute < 60; minute += 10) {
      const batch = Array.from({ length: Math.min(10, 60 - minute) }, (_, i) =>
        raise({ category: 'animal', cameraId: camera.id, detectedAt: at(minute + i) }),
      );
      for (const response of await Promise.all(batch)) expect(response.body.outcome).toBe('folded');
    }
    expect(await alertsOf(camera.id, 'animal')).toEqual([{ id: first.body.alert.id, status: 'confirmed', count: 60 }]);

    // The task carries the case to the school.
    const task = await t.request<Record<string, unknown>>('GET', `/api/tasks/${taskId}`, { token: duty });
    expect(task.body).toMatchObject({
      instruction: '立即清理后厨并检查门窗纱网',
      school: { id: school.id },
      canteen: { id: expect.any(String) },
      camera: { id: camera.id },
      evidence: { alertId: first.body.alert.id, category: 'animal', categoryName: '猫狗出没', count: 60 },
    });

    // The school rectifies, the city closes the task: the case is closed.
    const principal = await t.login(`school.${school.code}`);
    const act = async (token: string, body: object) => {
      const current = await t.request<{ version: number }>('GET', `/api/tasks/${taskId}`, { token });
      const response = await t.request('POST', `/api/tasks/${taskId}/actions`, { token, body: { version: current.body.version, ...body } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };
    await act(principal, { action: 'accept' });
    const photo = (await upload(t.url, principal, await jpegWithExif())).body.id as string;
    await act(principal, { action: 'submit', note: '已清理，纱网已修复', attachmentIds: [photo] });
    await act(duty, { action: 'approve' });

    // Within the quiet gap a repeat is still counted on the closed case; after it, a new alert.
    const soon = await raise({ category: 'animal', cameraId: camera.id, detectedAt: t.clock.now().toISOString() });
    expect(soon.body).toMatchObject({ outcome: 'folded', alert: { id: first.body.alert.id, count: 61 } });
    t.clock.advance(31 * 60_000);
    const after = await raise({ category: 'animal', cameraId: camera.id, detectedAt: t.clock.now().toISOString() });
    expect(after.body).toMatchObject({ outcome: 'created', alert: { status: 'new', count: 1 } });
    expect((await alertsOf(camera.id, 'animal')).map((a) => a.count)).toEqual([61, 1]);
  });

  it('starts a new alert after a dismissal only once the gap passed', async () => {
    const camera = cameras[1]!;
    const first = await raise({ category: 'phone_use', cameraId: camera.id });
    const dismissed = await t.request('POST', `/api/alerts/${first.body.alert.id}/dismiss`, {
      token: duty,
      body: { version: first.body.alert.version, reason: '是对讲机，不是手机' },
    });
    expect(dismissed.status).toBe(200);
    expect((await raise({ category: 'phone_use', cameraId: camera.id })).body.outcome).toBe('folded');
    t.clock.advance(31 * 60_000);
    expect((await raise({ category: 'phone_use', cameraId: camera.id })).body.outcome).toBe('created');
  });

  it('confirms an auto-dispatched alert the way a user’s confirmation does: the event, the task with its context', async () => {
    await putSetting(t, admin, 'alerts.autoDispatch', { rodent: { deadlineHours: 4 } });
    const camera = cameras[2]!;
    const raised = await raise({ category: 'rodent', cameraId: camera.id });
    expect(raised.body.alert).toMatchObject({ status: 'confirmed', decidedBy: { kind: 'system', name: 'auto-dispatch' } });
    expect(await eventsOf(raised.body.alert.id)).toEqual(['alert.raised', 'alert.confirmed']);
    const task = await t.request<Record<string, unknown>>('GET', `/api/tasks/${raised.body.alert.taskId}`, { token: duty });
    expect(task.body).toMatchObject({
      source: 'alert',
      camera: { id: camera.id },
      instruction: '系统抓拍到老鼠出没，请立即整改并上传整改照片。',
      evidence: { alertId: raised.body.alert.id, count: 1 },
    });
  });

  it('resolves a camera’s outage alert by itself when the camera is back, with how long it was down, and reopens it if the fault returns soon', async () => {
    const camera = cameras[3]!;
    const report = (status: string, at: Date) =>
      t.request<{ outcome: string; alertId: string | null }>('POST', `/api/cameras/${camera.id}/status`, {
        token: relay,
        body: { status, observedAt: at.toISOString() },
      });
    t.clock.freeze();
    const down = t.clock.now();
    const offline = await report('offline', down);
    expect(offline.body.outcome).toBe('changed');
    const alertId = offline.body.alertId!;
    t.clock.advance(200_000);
    expect((await report('offline', t.clock.now())).body.outcome).toBe('unchanged');
    await report('online', new Date(down.getTime() + 200_000));

    const resolved = (await t.request<AlertBody>('GET', `/api/alerts/${alertId}`, { token: duty })).body;
    expect(resolved).toMatchObject({
      status: 'resolved',
      decidedBy: { kind: 'system', name: 'camera-health' },
      decidedAt: null,
      details: { outageSeconds: 200 },
    });
    expect(resolved.resolution).toBe('摄像头已恢复在线，摄像头离线持续 3 分 20 秒');
    expect(await eventsOf(alertId)).toEqual(['alert.raised', 'alert.resolved']);
    const counts = await t.request<Record<string, number>>('GET', `/api/alerts/counts?camera=${camera.id}`, { token: duty });
    expect(counts.body).toMatchObject({ new: 0, resolved: 1 });

    // Down again a minute later: the same case, open again.
    t.clock.advance(60_000);
    const again = await report('offline', t.clock.now());
    expect(again.body.alertId).toBe(alertId);
    expect(await alertsOf(camera.id, 'camera_offline')).toEqual([{ id: alertId, status: 'new', count: 2 }]);
    expect((await eventsOf(alertId)).at(-1)).toBe('alert.reopened');
  });

  it('confirms or dismisses many alerts at once with one reason, each on its own, and counts them per status', async () => {
    const camera = cameras[4]!;
    const ids: string[] = [];
    for (const category of ['no_mask', 'no_chef_hat', 'crowding', 'smoking']) {
      ids.push((await raise({ category, cameraId: camera.id })).body.alert.id);
    }
    const before = (await t.request<Record<string, number>>('GET', `/api/alerts/counts?camera=${camera.id}`, { token: duty })).body;
    expect(before).toEqual({ new: 4, confirmed: 0, dismissed: 0, resolved: 0 });

    const county = await t.login(`county.${school.countyCode}`);
    const first = await t.request('POST', '/api/alerts/triage', { token: county, body: { ids: ids.slice(0, 1), action: 'confirm' } });
    expect(first.status).toBe(200);
    const batch = await t.request<{ results: Array<{ id: string; ok: boolean; alert?: AlertBody; error?: { code: string } }> }>(
      'POST',
      '/api/alerts/triage',
      { token: duty, body: { ids: ids.slice(0, 3), action: 'dismiss', reason: '培训演练，非违规' } },
    );
    expect(batch.status).toBe(200);
    expect(batch.body.results.map((r) => [r.ok, r.error?.code ?? r.alert?.status])).toEqual([
      [false, 'illegal_transition'],
      [true, 'dismissed'],
      [true, 'dismissed'],
    ]);
    const after = (await t.request<Record<string, number>>('GET', `/api/alerts/counts?camera=${camera.id}`, { token: duty })).body;
    expect(after).toEqual({ new: 1, confirmed: 1, dismissed: 2, resolved: 0 });
    const reasons = await t.db('alerts').whereIn('id', ids.slice(1, 3)).pluck('dismiss_reason');
    expect(reasons).toEqual(['培训演练，非违规', '培训演练，非违规']);

    expect((await t.request('POST', '/api/alerts/triage', { token: duty, body: { ids, action: 'dismiss' } })).status).toBe(400);
    const foreignCounty = await t.login('county.130824');
    const foreign = await t.request('POST', '/api/alerts/triage', { token: foreignCounty, body: { ids: [ids[3]], action: 'confirm' } });
    expect(foreign.status).toBe(404);
    expect((await t.db('alerts').where({ id: ids[3] }).first('status')).status).toBe('new');
  });
});
