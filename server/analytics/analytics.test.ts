// Analytics over the HTTP API (PGlite, or PostgreSQL with DATABASE_URL): camera rules and their defaults, worker
// heartbeat and catalogue liveness, assignment shared among workers, kept frames, and the data set export. The
// worker's own client makes the service calls, as the worker does.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COCO_LABELS } from '../../analytics/models/coco-labels';
import { ServerClient } from '../../analytics/worker/server-client';
import type { WorkerStats } from '../../analytics/worker/protocol';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';
import { readZip } from './dataset/zip';

const XINGLONG = '130822';
const LUANPING = '130824';
const STATS: WorkerStats = { sampled: 0, skippedMotion: 0, duplicates: 0, analysed: 0, dropped: 0, firings: 0, alertsPosted: 0, errors: 0 };

describe('analytics API', () => {
  let t: TestServer;
  let admin: string;
  let analytics: ServerClient;
  let analyticsToken: string;
  let camera: { id: string; area: string; schoolCode: string };
  let otherSchoolCode: string;

  beforeAll(async () => {
    t = await startTestServer({ canteens: 30 });
    admin = await t.login('city.admin');
    const { token } = await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'analytics-api', kind: 'analytics' });
    analyticsToken = token;
    analytics = new ServerClient(t.url, token);
    const school = t.dataset.schools.find((s) => s.countyCode === XINGLONG)!;
    const kitchen = t.dataset.cameras.find((c) => c.schoolId === school.id && c.area === 'cooking')!;
    camera = { id: kitchen.id, area: kitchen.area, schoolCode: school.code };
    otherSchoolCode = t.dataset.schools.find((s) => s.countyCode === LUANPING)!.code;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the city-wide defaults of the camera area until a city administrator sets rules', async () => {
    const rulesUrl = `/api/analytics/cameras/${camera.id}/rules`;
    const initial = await t.request('GET', rulesUrl, { token: admin });
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ cameraId: camera.id, area: 'cooking', source: 'default', version: 0, updatedAt: null });
    expect(initial.body.rules.schedule.workingHours).toEqual([{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '20:00' }]);
    expect(initial.body.rules.rules.map((rule: any) => rule.category)).toEqual(
      expect.arrayContaining(['after_hours_person', 'phone_use', 'animal']),
    );

    const rules = {
      schedule: { workingHours: [{ days: [1, 2, 3, 4, 5], start: '06:00', end: '19:00' }] },
      zones: [{ id: 'store', name: '留样柜', kind: 'restricted', polygon: [[0.1, 0.1], [0.4, 0.1], [0.4, 0.9], [0.1, 0.9]] }], // prettier-ignore
      masks: [{ name: 'TV', polygon: [[0.8, 0], [1, 0], [1, 0.2]] }], // prettier-ignore
      rules: [
        { category: 'intrusion', dwellSeconds: 3 },
        { category: 'after_hours_person', cooldownSeconds: 120 },
      ],
    };
    const saved = await t.request('PUT', rulesUrl, { token: admin, body: { version: 0, rules } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ source: 'camera', version: 1 });
    expect(saved.body.rules.zones[0]).toMatchObject({ id: 'store', kind: 'restricted', anchor: 'either' });
    expect(saved.body.rules.motion).toMatchObject({ idleSeconds: 120 });

    // A stale version, a rule naming a missing zone, a county operator: refused.
    expect((await t.request('PUT', rulesUrl, { token: admin, body: { version: 0, rules } })).status).toBe(409);
    const broken = { ...rules, rules: [{ category: 'intrusion', zones: ['nowhere'] }] };
    expect((await t.request('PUT', rulesUrl, { token: admin, body: { version: 1, rules: broken } })).status).toBe(400);
    const county = await t.login(`county.${XINGLONG}`);
    expect((await t.request('PUT', rulesUrl, { token: county, body: { version: 1, rules } })).status).toBe(403);
    expect((await t.request('GET', rulesUrl, { token: await t.login(`county.${LUANPING}`) })).status).toBe(404);
    expect((await t.request('GET', rulesUrl, { token: county })).status).toBe(200);

    // Back to the defaults.
    const reset = await t.request('PUT', rulesUrl, { token: admin, body: { version: 1, rules: null } });
    expect(reset.body).toMatchObject({ source: 'default', version: 2 });
    expect(reset.body.rules.rules.map((rule: any) => rule.category)).toContain('phone_use');
    // The version kept counting: an edit made on the rules before the reset is stale.
    expect((await t.request('PUT', rulesUrl, { token: admin, body: { version: 1, rules } })).status).toBe(409);
    const audit = await t
      .db('audit_log')
      .where({ action: 'analytics.configure', target_id: camera.id })
      .count<{ count: string }[]>('* as count');
    expect(Number(audit[0]!.count)).toBe(2);
  });

  it('lights up categories from the models the workers report, and only for analytics workers', async () => {
    const duty = await t.login('city.duty');
    const before = await t.request('GET', '/api/analytics/catalogue', { token: duty });
    expect(before.body.models).toEqual([]);
    expect(before.body.items.find((item: any) => item.code === 'after_hours_person').live).toBe(false);

    const answer = await analytics.heartbeat({
      workerId: 'coco-1',
      model: { name: 'nanodet', labels: [...COCO_LABELS] },
      cameras: 0,
      intervalSeconds: 30,
      stats: STATS,
    });
    expect(answer.liveCategories.sort()).toEqual(['after_hours_person', 'animal', 'crowding', 'intrusion', 'phone_use']);
    const after = await t.request('GET', '/api/analytics/catalogue', { token: duty });
    const item = (code: string) => after.body.items.find((entry: any) => entry.code === code);
    expect(item('after_hours_person')).toMatchObject({ live: true, liveWith: ['nanodet'], zh: '非工作时间人员进入', severity: 'high' });
    expect(item('no_mask')).toMatchObject({ live: false, labels: { all: [], any: ['no_mask'] } });
    expect(item('camera_covered')).toMatchObject({ live: true, source: 'relay' });

    // A custom kitchen model makes the attire categories live.
    await analytics.heartbeat({
      workerId: 'kitchen-1',
      model: { name: 'kitchen-yolo', labels: ['person', 'mask', 'no_mask', 'chef_hat', 'no_chef_hat', 'rat'] },
      cameras: 0,
      intervalSeconds: 30,
      stats: STATS,
    });
    const custom = await t.request('GET', '/api/analytics/catalogue', { token: duty });
    expect(custom.body.items.find((entry: any) => entry.code === 'no_mask')).toMatchObject({ live: true, liveWith: ['kitchen-yolo'] });
    expect(custom.body.items.find((entry: any) => entry.code === 'rodent').live).toBe(true);
    expect(custom.body.models.map((model: any) => model.name).sort()).toEqual(['kitchen-yolo', 'nanodet']);

    // Users and relays may not pose as workers.
    const heartbeat = { workerId: 'x', model: { name: 'm', labels: [] }, cameras: 0, intervalSeconds: 30, stats: STATS };
    expect((await t.request('POST', '/api/analytics/workers/heartbeat', { token: admin, body: heartbeat })).status).toBe(403);
    expect((await t.request('GET', '/api/analytics/assignments?worker=x', { token: admin })).status).toBe(403);
    // A worker gone quiet for three intervals no longer counts.
    await t.db('analytics_workers').update({ last_seen_at: new Date(Date.now() - 91_000) });
    expect((await t.request('GET', '/api/analytics/catalogue', { token: duty })).body.models).toEqual([]);
  });

  it('shares the connected cameras among the live workers, each to exactly one, with rules', async () => {
    const connected = t.dataset.cameras.filter((c) => c.scopePath.includes(`/${XINGLONG}/`)).slice(0, 12);
    await t.db('cameras').update({ ingest: false });
    await t
      .db('cameras')
      .whereIn(
        'id',
        connected.map((c) => c.id),
      )
      .update({ ingest: true });
    const heartbeat = (workerId: string) =>
      analytics.heartbeat({
        workerId,
        model: { name: 'nanodet', labels: [...COCO_LABELS] },
        cameras: 0,
        intervalSeconds: 30,
        stats: STATS,
      });
    await heartbeat('shard-a');
    const alone = await analytics.assignments('shard-a');
    expect(alone.cameras.map((c) => c.id).sort()).toEqual(connected.map((c) => c.id).sort());
    const first = alone.cameras[0]!;
    expect(first.rulesSource).toBe('default');
    expect(first.rules.rules.length).toBeGreaterThan(0);
    expect(first.schoolCode).toMatch(/^\d{10}$/);

    await heartbeat('shard-b');
    const [a, b] = await Promise.all([analytics.assignments('shard-a'), analytics.assignments('shard-b')]);
    const ids = [...a.cameras, ...b.cameras].map((c) => c.id);
    expect(ids.sort()).toEqual(connected.map((c) => c.id).sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(a.cameras.length).toBeGreaterThan(0);
    expect(b.cameras.length).toBeGreaterThan(0);
  });

  it('keeps raw frames with AI alerts and exports confirmed and dismissed alerts as COCO and YOLO data sets', async () => {
    const frameJpeg = await sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 90, g: 120, b: 150 } } })
      .jpeg()
      .toBuffer();
    const post = async (category: string, key: string, box: [number, number, number, number], label: string) => {
      const frameId = await analytics.uploadSnapshot(frameJpeg, camera.schoolCode, 'frame.jpg');
      const snapshotId = await analytics.uploadSnapshot(frameJpeg, camera.schoolCode, 'alert.jpg');
      const at = new Date(Date.now() - 60_000);
      const boxes = [{ label, score: 0.8, box }];
      const alert = await analytics.postAlert({
        category,
        cameraId: camera.id,
        confidence: 0.8,
        detectedAt: at.toISOString(),
        snapshotId,
        boxes,
        summary: 'test',
        details: { frameId },
        idempotencyKey: key,
      });
      await analytics.reportFrame({
        alertId: alert.alertId,
        frameId,
        model: 'nanodet',
        capturedAt: at.toISOString(),
        width: 640,
        height: 360,
        boxes,
      });
      // A retried report keeps one frame.
      await analytics.reportFrame({
        alertId: alert.alertId,
        frameId,
        model: 'nanodet',
        capturedAt: at.toISOString(),
        width: 640,
        height: 360,
        boxes,
      });
      return alert.alertId;
    };
    const confirmedId = await post('after_hours_person', 'ai:test:person:1', [100, 50, 200, 350], 'person');
    const dismissedId = await post('animal', 'ai:test:animal:1', [300, 200, 400, 300], 'dog');
    expect(
      Number((await t.db('analytics_frames').where({ alert_id: confirmedId }).count<{ count: string }[]>('* as count'))[0]!.count),
    ).toBe(1);
    const kept = (await t.db('analytics_frames').where({ alert_id: confirmedId }).first('attachment_id')) as { attachment_id: string };
    expect(await t.db('attachments').where({ id: kept.attachment_id }).first('bound')).toEqual({ bound: true });

    // A frame of another school is refused.
    const foreign = await analytics.uploadSnapshot(frameJpeg, otherSchoolCode, 'frame.jpg');
    await expect(
      analytics.reportFrame({
        alertId: confirmedId,
        frameId: foreign,
        model: 'nanodet',
        capturedAt: new Date().toISOString(),
        width: 640,
        height: 360,
        boxes: [],
      }),
    ).rejects.toMatchObject({ status: 400 });

    const duty = await t.login('city.duty');
    expect((await t.request('POST', `/api/alerts/${confirmedId}/confirm`, { token: duty, body: { version: 1 } })).status).toBe(200);
    const dismissed = await t.request('POST', `/api/alerts/${dismissedId}/dismiss`, {
      token: duty,
      body: { version: 1, reason: '是拖把，不是狗' },
    });
    expect(dismissed.status).toBe(200);

    const download = async (query: string, token = admin) => {
      const response = await fetch(`${t.url}/api/analytics/dataset?${query}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
    };
    const coco = await download('format=coco');
    expect(coco.status).toBe(200);
    expect(coco.type).toBe('application/zip');
    const cocoFiles = readZip(coco.body);
    const document = JSON.parse(cocoFiles.get('annotations.json')!.toString('utf8'));
    expect(document.images).toHaveLength(2);
    const positive = document.images.find((image: any) => image.alert_id === confirmedId);
    const negative = document.images.find((image: any) => image.alert_id === dismissedId);
    expect(positive).toMatchObject({
      width: 640,
      height: 360,
      status: 'confirmed',
      negative: false,
      source: 'raw_frame',
      violation: 'after_hours_person',
    });
    expect(negative).toMatchObject({ status: 'dismissed', negative: true, dismiss_reason: '是拖把，不是狗' });
    expect(document.categories).toEqual([{ id: 1, name: 'person', supercategory: 'object' }]);
    expect(document.annotations).toEqual([
      expect.objectContaining({ image_id: positive.id, category_id: 1, bbox: [100, 50, 100, 300], area: 30_000, iscrowd: 0 }),
    ]);
    expect(document.hard_negatives).toEqual([
      expect.objectContaining({ image_id: negative.id, label: 'dog', dismiss_reason: '是拖把，不是狗' }),
    ]);
    expect(cocoFiles.has(positive.file_name) && cocoFiles.has(negative.file_name)).toBe(true);
    expect((await sharp(cocoFiles.get(positive.file_name)!).metadata()).format).toBe('jpeg');
    expect(cocoFiles.get('manifest.csv')!.toString('utf8')).toContain('是拖把，不是狗');

    const yolo = readZip((await download('format=yolo')).body);
    const stem = (alertId: string) => [...yolo.keys()].find((name) => name.startsWith(`labels/${alertId}`))!;
    expect(yolo.get(stem(confirmedId))!.toString('utf8')).toBe('0 0.234375 0.555556 0.156250 0.833333\n');
    expect(yolo.get(stem(dismissedId))!.length).toBe(0); // a background image
    expect([...yolo.keys()].some((name) => name.startsWith(`hard_negatives/${dismissedId}`))).toBe(true);
    expect(yolo.get('data.yaml')!.toString('utf8')).toContain('names: ["person"]');
    expect([...yolo.keys()].filter((name) => name.startsWith('images/'))).toHaveLength(2);

    // Filters, a window with nothing in it, and who may export.
    expect(
      JSON.parse(
        readZip((await download('format=coco&category=animal')).body)
          .get('annotations.json')!
          .toString(),
      ).images,
    ).toHaveLength(1);
    const past = `format=coco&from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`;
    expect(
      JSON.parse(
        readZip((await download(past)).body)
          .get('annotations.json')!
          .toString(),
      ).images,
    ).toEqual([]);
    expect((await download('format=coco&from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z')).status).toBe(400);
    expect((await download('format=coco', duty)).status).toBe(403);
    expect((await download('format=coco', await t.login(`county.${XINGLONG}`))).status).toBe(403);
    expect((await download('format=coco', analyticsToken)).status).toBe(403);
  });

  it('describes the analytics routes in the OpenAPI document', async () => {
    const document = await t.request('GET', '/api/openapi.json');
    expect(document.status).toBe(200);
    for (const path of [
      '/api/analytics/catalogue',
      '/api/analytics/cameras/{id}/rules',
      '/api/analytics/assignments',
      '/api/analytics/dataset',
    ]) {
      expect(Object.keys(document.body.paths)).toContain(path);
    }
  });
});
