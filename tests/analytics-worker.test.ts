// The detection worker end to end, across processes and with nothing mocked: simulated RTSP cameras → a stream
// relay process → the server → the worker process (real NanoDet/CenterNet on onnxruntime) → alerts on the
// server. Three cameras of one school: people after hours, the same people during working hours, a still scene.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerProcess } from '../analytics/worker/testing/worker-process';
import type { CameraHealth } from '../analytics/worker/worker';
import { readZip } from '../server/analytics/dataset/zip';
import { sleep, waitUntil } from './support/sockets';
import { startTestServer, type TestServer } from './support/test-server';
import { personRules, startVideoRig, type VideoRig } from './support/video-rig';

const XINGLONG = '130822';
const LUANPING = '130824';

type Box = [number, number, number, number];
interface AlertBody {
  id: string;
  category: string;
  source: string;
  count: number;
  version: number;
  status: string;
  confidence: number;
  snapshotId: string | null;
  lastSeenAt: string;
  boxes: Array<{ label: string; score: number; box: Box }>;
  details: Record<string, unknown>;
}

async function rgb(jpeg: Buffer) {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Mean absolute difference per channel of two same-sized RGB images over a rectangle. */
function meanDiff(a: { data: Buffer; width: number }, b: { data: Buffer }, x1: number, y1: number, x2: number, y2: number): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.round(y1); y < Math.round(y2); y += 1) {
    for (let x = Math.round(x1); x < Math.round(x2); x += 1) {
      for (let c = 0; c < 3; c += 1) {
        const at = (y * a.width + x) * 3 + c;
        sum += Math.abs(a.data[at]! - b.data[at]!);
        n += 1;
      }
    }
  }
  return sum / Math.max(1, n);
}

describe('detection worker across processes', () => {
  let t: TestServer;
  let worker: WorkerProcess;
  let rig: VideoRig | undefined;
  const ids = { night: '', day: '', still: '' };
  let admin = '';

  const cameraHealth = async (id: string): Promise<CameraHealth> => {
    const health = await worker.health();
    const camera = health.cameras.find((candidate) => candidate.id === id);
    if (!camera) throw new Error(`the worker does not have camera ${id}`);
    return camera;
  };
  const aiAlerts = async (cameraId: string) =>
    (await t.request<{ items: AlertBody[] }>('GET', `/api/alerts?camera=${cameraId}&source=ai&pageSize=50`, { token: admin })).body.items;

  beforeAll(async () => {
    t = await startTestServer({ canteens: 40 });
    admin = await t.login('city.admin');
    const school = t.dataset.schools.find(
      (s) => s.countyCode === XINGLONG && t.dataset.cameras.filter((c) => c.schoolId === s.id).length >= 3,
    )!;
    const [night, day, stillCamera] = t.dataset.cameras.filter((c) => c.schoolId === school.id);
    Object.assign(ids, { night: night!.id, day: day!.id, still: stillCamera!.id });
    rig = await startVideoRig(
      t,
      [
        { id: ids.night, clip: 'people', rules: personRules('after_hours') },
        { id: ids.day, clip: 'people', rules: personRules('working') },
        // Nobody there; if anyone were, it would be after hours.
        { id: ids.still, clip: 'still', rules: personRules('after_hours') },
      ],
      { analytics: true },
    );
    worker = rig.worker!;
  }, 180_000);

  afterAll(async () => {
    await rig?.stop();
    await t?.close();
  });

  it('folds people seen after hours into exactly one alert, with an annotated snapshot', async () => {
    await waitUntil(async () => (await aiAlerts(ids.night)).some((alert) => alert.count >= 2), 60_000, 'a folded after-hours alert');
    const alerts = await aiAlerts(ids.night);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({ category: 'after_hours_person', source: 'ai', status: 'new' });
    expect(alert.count).toBeGreaterThanOrEqual(2);
    expect(alert.confidence).toBeGreaterThan(0.4);
    expect(alert.boxes.some((box) => box.label === 'person')).toBe(true);
    expect(alert.details).toMatchObject({ rule: 'after_hours_person', model: expect.any(String) });

    // The snapshot is the annotated copy of the frame kept beside the alert: the same picture, with the box drawn.
    const frame = await (async () => {
      let row: { attachment_id: string } | undefined;
      await waitUntil(
        async () => {
          row = (await t
            .db('analytics_frames')
            .where({ alert_id: alert.id, captured_at: new Date(alert.lastSeenAt) })
            .first('attachment_id')) as { attachment_id: string } | undefined;
          return row !== undefined;
        },
        10_000,
        'the raw frame of the newest firing',
      );
      return row!;
    })();
    const download = async (id: string) => {
      const response = await fetch(`${t.url}/api/attachments/${id}`, { headers: { authorization: `Bearer ${admin}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      return Buffer.from(await response.arrayBuffer());
    };
    const annotated = await rgb(await download(alert.snapshotId!));
    const raw = await rgb(await download(frame.attachment_id));
    expect([annotated.width, annotated.height]).toEqual([raw.width, raw.height]);
    const person = alert.boxes.find((box) => box.label === 'person')!.box;
    // Along the person's left edge (below its label tag) the stroke replaces the picture…
    const edge = meanDiff(annotated, raw, person[0] - 1, person[1] + 40, person[0] + 2, person[3] - 40);
    expect(edge).toBeGreaterThan(40);
    // …while a patch clear of every box, tag and the caption is the same picture.
    const clear = (x: number, y: number) =>
      y + 60 < raw.height - 80 &&
      alert.boxes.every(({ box }) => x + 60 < box[0] - 40 || x > box[2] + 40 || y + 60 < box[1] - 60 || y > box[3] + 40);
    let patch: [number, number] | undefined;
    for (let y = 0; y < raw.height && !patch; y += 20) for (let x = 0; x < raw.width && !patch; x += 20) if (clear(x, y)) patch = [x, y];
    expect(patch).toBeDefined();
    expect(meanDiff(annotated, raw, patch![0], patch![1], patch![0] + 60, patch![1] + 60)).toBeLessThan(8);
  });

  it('raises no after-hours alert for the same people during working hours', async () => {
    const day = await cameraHealth(ids.day);
    expect(day.analysed).toBeGreaterThanOrEqual(3);
    expect(day.tracks).toBeGreaterThanOrEqual(1); // it sees the person…
    expect(day.firings).toBe(0); // …and the schedule says that is allowed
    expect(await aiAlerts(ids.day)).toEqual([]);
  });

  it('runs the detector on almost no frame of a still scene, and on nearly every frame of a busy one', async () => {
    await waitUntil(async () => (await cameraHealth(ids.still)).sampled >= 20, 40_000, 'twenty distinct frames of the still scene');
    const still = await cameraHealth(ids.still);
    expect(still.skippedMotion / still.sampled).toBeGreaterThanOrEqual(0.9);
    expect(still.analysed).toBeLessThanOrEqual(2);
    expect(still.firings).toBe(0);
    const busy = await cameraHealth(ids.night);
    expect(busy.sampled).toBeGreaterThanOrEqual(10);
    expect(busy.skippedMotion / busy.sampled).toBeLessThan(0.2);
    const health = await worker.health();
    expect(health.queue.length).toBeLessThanOrEqual(64);
    expect(health.totals.errors).toBe(0);
  });

  it('reports after_hours_person live and no_mask not live in the catalogue', async () => {
    const duty = await t.login('city.duty');
    const catalogue = await t.request<{
      models: Array<{ name: string; workers: number }>;
      items: Array<{ code: string; live: boolean; source: string }>;
    }>('GET', '/api/analytics/catalogue', { token: duty });
    expect(catalogue.status).toBe(200);
    const live = (code: string) => catalogue.body.items.find((item) => item.code === code)!;
    expect(live('after_hours_person')).toMatchObject({ live: true, source: 'detector' });
    expect(live('phone_use').live).toBe(true);
    expect(live('no_mask').live).toBe(false);
    expect(live('rodent').live).toBe(false);
    expect(live('camera_offline')).toMatchObject({ live: true, source: 'relay' });
    expect(catalogue.body.models).toEqual([expect.objectContaining({ workers: 1 })]);
  });

  it('keeps camera rules within the county: another county gets 404, a county operator may not change them', async () => {
    const foreign = await t.login(`county.${LUANPING}`);
    const own = await t.login(`county.${XINGLONG}`);
    expect((await t.request('GET', `/api/analytics/cameras/${ids.night}/rules`, { token: foreign })).status).toBe(404);
    const mine = await t.request('GET', `/api/analytics/cameras/${ids.night}/rules`, { token: own });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ source: 'camera', version: 1, liveCategories: ['after_hours_person'] });
    // Configuring is the city administrator's: a county operator is refused for every camera alike.
    const put = await t.request('PUT', `/api/analytics/cameras/${ids.night}/rules`, { token: foreign, body: { version: 1, rules: null } });
    expect(put.status).toBe(403);
    expect(
      (await t.request('PUT', `/api/analytics/cameras/${ids.night}/rules`, { token: own, body: { version: 1, rules: null } })).status,
    ).toBe(403);
    expect((await t.request('GET', `/api/analytics/cameras/${ids.night}/rules`, { token: own })).body.version).toBe(1);
  });

  it('exports the confirmed alert with its raw frames as a COCO data set', async () => {
    const duty = await t.login('city.duty');
    const [alert] = await aiAlerts(ids.night);
    // The worker keeps folding repeats into the alert (each bumps its version): retry on a stale version.
    for (let attempt = 0; ; attempt += 1) {
      const current = (await t.request<AlertBody>('GET', `/api/alerts/${alert!.id}`, { token: duty })).body;
      const confirmed = await t.request('POST', `/api/alerts/${alert!.id}/confirm`, { token: duty, body: { version: current.version } });
      if (confirmed.status === 200) break;
      expect(confirmed.status).toBe(409);
      if (attempt > 10) throw new Error('could not confirm the alert');
      await sleep(100);
    }
    const response = await fetch(`${t.url}/api/analytics/dataset?format=coco`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = readZip(Buffer.from(await response.arrayBuffer()));
    const coco = JSON.parse(files.get('annotations.json')!.toString('utf8'));
    expect(coco.images.length).toBeGreaterThanOrEqual(2);
    expect(
      coco.images.every((image: any) => image.alert_id === alert!.id && image.source === 'raw_frame' && files.has(image.file_name)),
    ).toBe(true);
    expect(coco.categories.map((category: any) => category.name)).toContain('person');
    expect(coco.annotations.length).toBeGreaterThanOrEqual(coco.images.length);
    const meta = await sharp(files.get(coco.images[0].file_name)!).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1280, 720]);
  });
});
