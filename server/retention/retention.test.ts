// Retention on a real database: what is past retention is pruned or rolled up by month, what is recent is
// kept, the figures users read for past periods (camera online rate, monthly risk) stay the same, a client
// behind the pruned log is told to reload, and running the job again changes nothing.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../../analytics/assessment';
import { TestSocket } from '../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { cameraTimes } from '../assessment/camera-time';
import { runRiskGrading } from '../risk/commands/runRiskGrading';
import { scheduledJobs } from '../scheduler/jobs';
import { applyRetention, runDailyRetention } from './apply-retention';
import { maintainEmbeddedDatabase } from './maintain-pglite';

/** An instant in Asia/Shanghai (UTC+8). */
const sh = (local: string) => new Date(`${local}+08:00`);
const NOW = sh('2026-12-07T10:00:00');
const HOUR = 3_600_000;
const STATUSES = ['online', 'online', 'offline', 'online', 'frozen', 'online', 'blurred'];
/** Past-period figures users read; the camera detail past retention (90 days) ends with August. */
const PERIODS = ['2026-06', '2026-07', '2026-08', '2026-Q3', '2026-11', '2026'];

describe('retention', () => {
  let t: TestServer;
  let cityAdmin: string;
  let countyToken: string;
  let cityPrefix: string;
  let cameraIds: string[];
  let canteenIds: string[];

  const countRows = async (table: string, where: (q: any) => void = () => {}) =>
    Number(((await t.db(table).where(where).count({ n: '*' })) as Array<{ n: number }>)[0]!.n);

  const cameraFigures = async () => {
    const figures: Record<string, Array<{ cameraId: string; observed: number; online: number }>> = {};
    for (const id of PERIODS) {
      const times = await cameraTimes(t.db, cityPrefix, parsePeriod(id), NOW);
      figures[id] = times
        .map((c) => ({ cameraId: c.cameraId, observed: c.observedSeconds, online: c.onlineSeconds }))
        .sort((a, b) => a.cameraId.localeCompare(b.cameraId));
    }
    return figures;
  };
  const assessedCameraOnline = async (period: string) => {
    const response = await t.request('GET', `/api/assessment?period=${period}`, { token: cityAdmin });
    expect(response.status).toBe(200);
    return (response.body.units as Array<{ code: string; indicators: Array<{ code: string }> }>).map((unit) => ({
      code: unit.code,
      cameraOnline: unit.indicators.find((indicator) => indicator.code === 'camera_online'),
    }));
  };

  beforeAll(async () => {
    t = await startTestServer({ canteens: 12 });
    t.clock.advance(NOW.getTime() - Date.now());
    t.clock.freeze();
    cityAdmin = await t.login('city.admin');
    countyToken = await t.login('county.130822');
    cityPrefix = `${((await t.db('jurisdictions').whereNull('parent_id').first('path')) as { path: string }).path}%`;
    cameraIds = t.dataset.cameras.slice(0, 24).map((c) => c.id);
    canteenIds = t.dataset.canteens.slice(0, 4).map((c) => c.id);

    // Camera status changes every 5 to 11 hours (at odd milliseconds) from June to November.
    const scopes = new Map(
      ((await t.db('cameras').whereIn('id', cameraIds).select('id', 'scope_path')) as Array<{ id: string; scope_path: string }>).map(
        (row) => [row.id, row.scope_path],
      ),
    );
    const rows: Array<Record<string, unknown>> = [];
    cameraIds.forEach((cameraId, c) => {
      for (let at = sh('2026-06-01T00:00:00').getTime() + c * 997_123, i = c; at < sh('2026-12-01T00:00:00').getTime(); i += 1) {
        rows.push({
          camera_id: cameraId,
          scope_path: scopes.get(cameraId),
          status: STATUSES[i % STATUSES.length],
          changed_at: new Date(at),
        });
        at += (5 + ((i * 7 + c) % 7)) * HOUR + (i % 13) * 1_117;
      }
    });
    for (let i = 0; i < rows.length; i += 1000) await t.db('camera_status_history').insert(rows.slice(i, i + 1000));

    // Daily risk grades from August 2025 to November 2026 for a few canteens.
    const risk: Array<Record<string, unknown>> = [];
    canteenIds.forEach((canteenId, c) => {
      for (let day = Date.parse('2025-08-01'); day < Date.parse('2026-12-01'); day += 86_400_000) {
        const score = 20 + ((day / 86_400_000 + c * 11) % 45);
        const grade = score <= 30 ? 'A' : score <= 45 ? 'B' : score <= 60 ? 'C' : 'D';
        risk.push({
          canteen_id: canteenId,
          day: new Date(day).toISOString().slice(0, 10),
          score,
          grade,
          static: 10,
          dynamic: score - 10,
          factors: {},
        });
      }
    });
    for (let i = 0; i < risk.length; i += 1000) await t.db('canteen_risk_history').insert(risk.slice(i, i + 1000));
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('compacts camera status history past retention by month, keeping every period’s camera online rate', async () => {
    const before = await cameraFigures();
    const assessedBefore = await Promise.all(['2026-07', '2026-Q3', '2026'].map(assessedCameraOnline));
    const oldRows = () => countRows('camera_status_history', (q) => q.where('changed_at', '<', sh('2026-09-01T00:00:00')));
    const recentRows = () => countRows('camera_status_history', (q) => q.where('changed_at', '>=', sh('2026-09-01T00:00:00')));
    const [oldBefore, recentBefore] = [await oldRows(), await recentRows()];

    const outcome = await applyRetention(t.server.ctx);

    expect(outcome.cameraRowsRemoved).toBe(oldBefore + recentBefore - (await oldRows()) - (await recentRows()));
    // At most two rows a camera and month, plus one carrying the status into the next month.
    expect(oldBefore).toBeGreaterThan(cameraIds.length * 3 * 60);
    expect(await oldRows()).toBeLessThanOrEqual(cameraIds.length * 3 * 2);
    expect(await recentRows()).toBe(recentBefore + cameraIds.length);
    expect(await cameraFigures()).toEqual(before);
    expect(await Promise.all(['2026-07', '2026-Q3', '2026'].map(assessedCameraOnline))).toEqual(assessedBefore);
    expect(before['2026-07']!.find((c) => c.cameraId === cameraIds[0])!.online).toBeGreaterThan(0);
  });

  it('rolls daily risk history past retention into monthly rows and keeps the recent days', async () => {
    // Retention of daily grades is 400 days: November 2025 onwards stays daily.
    expect(await countRows('canteen_risk_history', (q) => q.whereIn('canteen_id', canteenIds).where('day', '<', '2025-11-01'))).toBe(0);
    expect(await countRows('canteen_risk_history', (q) => q.whereIn('canteen_id', canteenIds).where('day', '>=', '2025-11-01'))).toBe(
      canteenIds.length * 395,
    );
    const months = (await t
      .db('canteen_risk_monthly')
      .where({ canteen_id: canteenIds[0] })
      .orderBy('month')
      .select('month', 'days', 'grade_days', 'mean_score', 'max_score', 'last_grade')) as Array<{
      month: string;
      days: number;
      grade_days: Record<string, number>;
      mean_score: number;
      max_score: number;
      last_grade: string;
    }>;
    expect(months.map((m) => m.month)).toEqual(['2025-08-01', '2025-09-01', '2025-10-01']);
    // The figures of August 2025 as the daily rows gave them.
    const scores = Array.from({ length: 31 }, (_, i) => 20 + ((Date.parse(`2025-08-01`) / 86_400_000 + i) % 45));
    expect(months[0]!.days).toBe(31);
    expect(months[0]!.mean_score).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / 31, 9);
    expect(months[0]!.max_score).toBe(Math.max(...scores));
    expect(Object.values(months[0]!.grade_days).reduce((a, b) => a + b, 0)).toBe(31);
  });

  it('prunes the event log past retention; a client behind it is told to reload, one within it resumes', async () => {
    const version = async (id: string) => ((await t.db('schools').where({ id }).first('version')) as { version: number }).version;
    const school = t.dataset.schools.find((s) => s.countyCode === '130822')!.id;
    const touch = async (note: string) =>
      expect(
        (
          await t.request('PATCH', `/api/schools/${school}`, {
            token: cityAdmin,
            body: { version: await version(school), publicNotice: note },
          })
        ).status,
      ).toBe(200);
    await touch('old');
    await runRiskGrading(t.server.ctx);
    const oldSeq = Number(((await t.db('event_counter').first('last_seq')) as { last_seq: number }).last_seq);
    // Everything so far was written 100 days ago.
    await t.db('event_log').update({ created_at: new Date(NOW.getTime() - 100 * 24 * HOUR) });
    await touch('recent');
    await runRiskGrading(t.server.ctx);

    const oldEvents = await countRows('event_log', (q) => q.where('seq', '<=', oldSeq));
    const outcome = await applyRetention(t.server.ctx);
    expect(outcome.eventsDeleted).toBe(oldEvents);
    expect(await countRows('event_log', (q) => q.where('seq', '<=', oldSeq))).toBe(0);
    expect(await countRows('event_log', (q) => q.where('seq', '>', oldSeq))).toBeGreaterThan(0);

    const behind = await t.request('GET', '/api/events?since=0', { token: countyToken });
    expect(behind.status).toBe(409);
    expect(behind.body.error).toMatchObject({ code: 'events_pruned', details: { seq: expect.any(Number) } });
    const within = await t.request('GET', `/api/events?since=${oldSeq}`, { token: countyToken });
    expect(within.status).toBe(200);
    expect(within.body.events.map((e: { data: { changes: { publicNotice: string } } }) => e.data.changes.publicNotice)).toEqual(['recent']);

    const stale = new TestSocket(t.url, countyToken, 0);
    await stale.ready();
    expect(stale.resyncs).toHaveLength(1);
    expect(stale.events).toEqual([]);
    const current = new TestSocket(t.url, countyToken, oldSeq);
    await current.ready();
    expect(current.resyncs).toEqual([]);
    expect(current.events.map((e) => (e.data.changes as { publicNotice: string }).publicNotice)).toEqual(['recent']);
    stale.close();
    current.close();
  });

  it('prunes closed alerts past retention that no task or complaint refers to, and keeps the rest', async () => {
    const school = (await t.db('schools').first('id', 'scope_path')) as { id: string; scope_path: string };
    const alert = (status: string, lastSeen: Date) => ({
      id: uuidv7(),
      source: 'ai',
      category: 'no_hat',
      severity: 'low',
      status,
      school_id: school.id,
      scope_path: school.scope_path,
      fold_key: uuidv7(),
      first_seen_at: lastSeen,
      last_seen_at: lastSeen,
    });
    const longAgo = new Date(NOW.getTime() - 1200 * 24 * HOUR);
    const oldDismissed = alert('dismissed', longAgo);
    const oldResolved = alert('resolved', longAgo);
    const oldOpen = alert('new', longAgo);
    const recentDismissed = alert('dismissed', new Date(NOW.getTime() - 30 * 24 * HOUR));
    await t.db('alerts').insert([oldDismissed, oldResolved, oldOpen, recentDismissed]);
    await t.db('alert_keys').insert({ key: `k-${oldDismissed.id}`, alert_id: oldDismissed.id });

    const outcome = await applyRetention(t.server.ctx);
    expect(outcome.alertsDeleted).toBe(2);
    const left = (
      (await t.db('alerts').whereIn('id', [oldDismissed.id, oldResolved.id, oldOpen.id, recentDismissed.id]).select('id')) as Array<{
        id: string;
      }>
    ).map((row) => row.id);
    expect(left.sort()).toEqual([oldOpen.id, recentDismissed.id].sort());
    expect(await countRows('alert_keys', (q) => q.where({ alert_id: oldDismissed.id }))).toBe(0);
  });

  it('changes nothing when run again, and runs once a day when scheduled', async () => {
    const tables = ['event_log', 'alerts', 'camera_status_history', 'canteen_risk_history', 'canteen_risk_monthly'];
    const counts = async () => Promise.all(tables.map((table) => countRows(table)));
    const before = { counts: await counts(), figures: await cameraFigures() };
    expect(await applyRetention(t.server.ctx)).toEqual({ eventsDeleted: 0, alertsDeleted: 0, cameraRowsRemoved: 0, riskRowsRemoved: 0 });
    expect({ counts: await counts(), figures: await cameraFigures() }).toEqual(before);

    expect(await runDailyRetention(t.server.ctx)).toMatchObject({ eventsDeleted: 0 });
    expect(await runDailyRetention(t.server.ctx)).toBe('done today');
    t.clock.advance(24 * HOUR);
    expect(await runDailyRetention(t.server.ctx)).toMatchObject({ alertsDeleted: 0 });
  });

  it('vacuums and analyzes the embedded database, and leaves PostgreSQL to its autovacuum', async () => {
    const ctx = t.server.ctx;
    const jobNames = scheduledJobs(ctx).map((job) => job.name);
    if (ctx.dbKind === 'pglite') {
      expect(jobNames).toContain('pglite-maintenance');
      expect(await maintainEmbeddedDatabase(ctx)).toMatchObject({
        vacuumed: expect.arrayContaining(['event_log', 'camera_status_history']),
      });
    } else {
      expect(jobNames).not.toContain('pglite-maintenance');
      expect(await maintainEmbeddedDatabase(ctx)).toBe('not embedded');
    }
    expect(await countRows('canteen_risk_monthly')).toBeGreaterThan(0);
  });
});
