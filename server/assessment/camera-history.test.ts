// The two assessment figures that depend on history and settings: the camera online rate of a past period
// from the cameras' status history (not from their status now), written by the relays' status reports
// without doubling on a retry; and the alerts handled in time by the assessment.alertHandlingHours setting.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { writeStatusTransition } from '../cameras/commands/recordCameraStatus';
import * as cameraStatusHistory from '../db/migrations/20261123_0008_camera_status_history';
import { systemActor } from '../policy/actor';

const COUNTY = '130822';
/** An instant in Asia/Shanghai (UTC+8). */
const sh = (local: string) => new Date(`${local}+08:00`);
const DAY = 86_400;

type Figure = { code: string; numerator: number; denominator: number; rate: number | null };

describe('assessment from camera status history and the alert-handling setting', () => {
  let t: TestServer;
  let admin: string;
  let relay: string;
  let school: TestServer['dataset']['schools'][number];
  let camera: TestServer['dataset']['cameras'][number];

  beforeAll(async () => {
    t = await startTestServer({ canteens: 30 });
    admin = await t.login('city.admin');
    relay = (await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'relay-h', kind: 'relay' })).token;
    // A school with two cameras or more: one reported through the year, another set directly.
    school = t.dataset.schools.find((s) => s.countyCode === COUNTY && t.dataset.cameras.filter((c) => c.schoolId === s.id).length >= 2)!;
    camera = t.dataset.cameras.find((c) => c.schoolId === school.id)!;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const report = (status: string, observedAt: Date) =>
    t.request('POST', `/api/cameras/${camera.id}/status`, {
      token: relay,
      body: { status, observedAt: observedAt.toISOString(), detail: { reason: 'test' } },
    });
  const history = async () =>
    (await t.db('camera_status_history').where({ camera_id: camera.id }).orderBy('changed_at').select('status', 'changed_at')) as Array<{
      status: string;
      changed_at: Date;
    }>;
  const schoolFigure = async (period: string, code: string) => {
    const response = await t.request('GET', `/api/assessment?period=${period}&county=${COUNTY}`, { token: admin });
    expect(response.status).toBe(200);
    const unit = response.body.units.find((u: { code: string }) => u.code === school.code);
    return { figure: unit.indicators.find((i: Figure) => i.code === code) as Figure, body: response.body };
  };

  it('backfills one row per camera from its current status, since it last changed or else since it was created', async () => {
    const changedAt = sh('2025-02-03T08:00:00');
    await t.db('cameras').where({ id: camera.id }).update({ status: 'offline', status_changed_at: changedAt });
    await cameraStatusHistory.down(t.db);
    await cameraStatusHistory.up(t.db);
    const rows = (await t.db('camera_status_history').select('camera_id', 'status', 'changed_at')) as Array<{
      camera_id: string;
      status: string;
      changed_at: Date;
    }>;
    expect(rows).toHaveLength(t.dataset.cameras.length);
    expect(rows.find((row) => row.camera_id === camera.id)).toMatchObject({ status: 'offline', changed_at: changedAt });
    const other = t.dataset.cameras.find((c) => c.id !== camera.id)!;
    const created = (await t.db('cameras').where({ id: other.id }).first('created_at')) as { created_at: Date };
    expect(rows.find((row) => row.camera_id === other.id)).toMatchObject({ status: 'unknown', changed_at: created.created_at });
    // Start the tests below from a camera without history, as one created after the migration.
    await t.db('camera_status_history').del();
    await t.db('cameras').update({ status: 'unknown', status_changed_at: null, status_observed_at: null });
  });

  it('gives a past month the online rate of its history although the camera is online now, and a retry adds no row', async () => {
    // May 2025 (31 days): online from the 1st, offline from the 11th, online again from the 21st: 21 days of 31.
    expect((await report('online', sh('2025-05-01T00:00:00'))).body).toMatchObject({ outcome: 'changed' });
    expect((await report('offline', sh('2025-05-11T00:00:00'))).body).toMatchObject({ outcome: 'changed' });
    // The relay retries the same report, then reports the same status again later (a heartbeat): no new row.
    expect((await report('offline', sh('2025-05-11T00:00:00'))).body).toMatchObject({ outcome: 'unchanged' });
    expect((await report('offline', sh('2025-05-15T00:00:00'))).body).toMatchObject({ outcome: 'unchanged' });
    expect((await report('online', sh('2025-05-21T00:00:00'))).body).toMatchObject({ outcome: 'changed' });
    expect(((await t.db('cameras').where({ id: camera.id }).first('status')) as { status: string }).status).toBe('online');
    // Writing the same change twice (a retried transaction) keeps one row for the instant.
    const current = (await t
      .db('cameras')
      .where({ id: camera.id })
      .first('status', 'status_changed_at', 'created_at', 'scope_path')) as Parameters<typeof writeStatusTransition>[1];
    await writeStatusTransition(t.db, { ...current, id: camera.id }, 'online', sh('2025-05-21T00:00:00'));
    expect((await history()).map((row) => [row.status, row.changed_at.toISOString()])).toEqual([
      ['online', sh('2025-05-01T00:00:00').toISOString()],
      ['offline', sh('2025-05-11T00:00:00').toISOString()],
      ['online', sh('2025-05-21T00:00:00').toISOString()],
    ]);

    // The school's other cameras have no history and were created now: not observed in May 2025.
    const { figure } = await schoolFigure('2025-05', 'camera_online');
    expect(figure).toMatchObject({ numerator: 21 * DAY, denominator: 31 * DAY, rate: 21 / 31 });
    // June: online throughout. April: before the camera's history began, nothing observed.
    expect((await schoolFigure('2025-06', 'camera_online')).figure).toMatchObject({ numerator: 30 * DAY, denominator: 30 * DAY });
    expect((await schoolFigure('2025-04', 'camera_online')).figure).toMatchObject({ numerator: 0, denominator: 0, rate: null });

    // The drill-down lists the camera with its online share in May, not met (it was not online all the time).
    const records = await t.request('GET', `/api/assessment/records?period=2025-05&school=${school.code}&indicator=camera_online`, {
      token: admin,
    });
    expect(records.status).toBe(200);
    expect(records.body.items).toEqual([
      expect.objectContaining({
        type: 'camera',
        id: camera.id,
        label: expect.stringContaining('67.7%'),
        met: false,
        numerator: 21 * DAY,
        denominator: 31 * DAY,
        at: sh('2025-05-21T00:00:00').toISOString(),
      }),
    ]);
  });

  it('records the status a camera leaves when its first change is reported, so the time before it counts too', async () => {
    const other = t.dataset.cameras.find((c) => c.schoolId === school.id && c.id !== camera.id)!;
    // Set directly (as an installer's import would), then the first relay report in August.
    await t
      .db('cameras')
      .where({ id: other.id })
      .update({ status: 'online', status_changed_at: sh('2025-07-01T00:00:00') });
    const response = await t.request('POST', `/api/cameras/${other.id}/status`, {
      token: relay,
      body: { status: 'covered', observedAt: sh('2025-07-16T00:00:00').toISOString(), detail: {} },
    });
    expect(response.body).toMatchObject({ outcome: 'changed' });
    const rows = (await t.db('camera_status_history').where({ camera_id: other.id }).orderBy('changed_at').select('status')) as Array<{
      status: string;
    }>;
    expect(rows.map((row) => row.status)).toEqual(['online', 'covered']);
    // July: the first camera online all 31 days, this one 15 of 31.
    expect((await schoolFigure('2025-07', 'camera_online')).figure).toMatchObject({ numerator: (31 + 15) * DAY, denominator: 62 * DAY });
  });

  it('counts alerts as handled in time by the assessment.alertHandlingHours setting in force', async () => {
    const canteen = t.dataset.canteens.find((c) => c.schoolId === school.id)!;
    const alert = (raised: Date, triagedAfterHours: number) => ({
      id: uuidv7(),
      source: 'ai',
      category: 'no_hat',
      severity: 'medium',
      status: 'confirmed',
      school_id: school.id,
      canteen_id: canteen.id,
      scope_path: school.scopePath,
      fold_key: uuidv7(),
      first_seen_at: raised,
      last_seen_at: raised,
      triaged_at: new Date(raised.getTime() + triagedAfterHours * 3_600_000),
    });
    const alerts = [alert(sh('2025-09-02T10:00:00'), 2), alert(sh('2025-09-03T10:00:00'), 30), alert(sh('2025-09-04T10:00:00'), 50)];
    await t.db('alerts').insert(alerts);
    const metById = async () => {
      const response = await t.request('GET', `/api/assessment/records?period=2025-09&school=${school.code}&indicator=alert_handling`, {
        token: admin,
      });
      return Object.fromEntries((response.body.items as Array<{ id: string; met: boolean }>).map((item) => [item.id, item.met]));
    };

    // The default, 24 hours: only the alert confirmed after 2 h.
    let { figure, body } = await schoolFigure('2025-09', 'alert_handling');
    expect(body.alertHandlingHours).toBe(24);
    expect(figure).toMatchObject({ numerator: 1, denominator: 3 });
    expect(await metById()).toEqual({ [alerts[0]!.id]: true, [alerts[1]!.id]: false, [alerts[2]!.id]: false });

    const set = (value: unknown) => putSetting(t, admin, 'assessment.alertHandlingHours', value);
    expect((await set(0)).status).toBe(400);
    expect((await set(721)).status).toBe(400);
    expect((await set(48)).status).toBe(200);
    ({ figure, body } = await schoolFigure('2025-09', 'alert_handling'));
    expect(body.alertHandlingHours).toBe(48);
    expect(figure).toMatchObject({ numerator: 2, denominator: 3 });
    expect(await metById()).toEqual({ [alerts[0]!.id]: true, [alerts[1]!.id]: true, [alerts[2]!.id]: false });
    expect((await set(24)).status).toBe(200);
  });
});
