// Made-up history of a region up to a day — thirty days for the demo's first start, a year for the province
// benchmarks — so that the assessment, the trends, the ranking, the risk grades and the bulletin have something
// to say: cameras' status history (a few outages a month), morning checks and weekly records in the ledgers,
// daily network patrols (most passed), AI alerts (mostly triaged: confirmed or dismissed), the tasks the
// confirmed ones became through their states (most closed, some late, some overdue and open), and the daily
// risk grades. Patrols and alerts scale with the region's canteens (a city's rate per 1,200, never less), each city's duty
// officer issues its own. Deterministic: a seeded random source and ids derived from names. Rows only in the
// columns and states every schema version has (alerts new/confirmed/dismissed), written in set-based statements
// (the millions of ledger, camera and risk rows by the database itself) and batched inserts. The event log gets
// the past's events only when asked (benchmarks of a grown log); the demo announces nothing: this is the past.
import type { Knex } from 'knex';
import { fixtureId } from '../../fixtures/ids';
import { SeededRandom } from '../../fixtures/random';
import type { Dataset } from '../../fixtures/region/types';
import { addDays, isoWeekStart, shanghaiInstant, type CalendarDate } from '../../analytics/calendar';
import { DEFAULT_SCHOOL_CALENDAR, schoolDayCalendarOf } from '../../analytics/calendar/school-calendar-setting';
import { ALERT_CATEGORIES } from '../alerts/categories';
import { itemsOf, type ChecklistContent } from '../patrol/checklists/content';

export const HISTORY_DAYS = 30;
const DEMO_SEED = 20261207;
/** A city's daily patrols and alerts, per this many canteens. */
const RATE_PER_CANTEENS = 1200;
const PATROLS_PER_DAY = 20;
const ALERTS_PER_DAY = 14;
const BATCH = 500;
/**
 * Shares (of 100) of school-days with a morning check, of school-weeks with a meal accompaniment and a
 * self-inspection, and of cameras with an outage in the window. Schools keep their ledgers almost always: the
 * desk on first start shows the few that lapsed (a few dozen warnings), not a warning for every school.
 */
const MORNING_CHECK_SHARE = 99;
const WEEKLY_RECORD_SHARE = 98;
const CAMERA_OUTAGE_SHARE = 6;
const VIDEO_CATEGORIES = ['no_mask', 'no_chef_hat', 'no_work_clothes', 'smoking', 'phone_use', 'rodent', 'uncovered_bin'] as const;
const DISMISS_REASONS = ['误报：画面中为厨师帽反光', '误报：非后厨人员', '误报：识别目标为阴影', '已现场核实，无违规'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Actor {
  id: string;
  name: string;
  /** The issuing unit's name, as an escalation names it. */
  unitName: string;
  nodeId: string;
  nodeCode: string;
}

export interface HistoryOptions {
  /** The last day of the history (its morning checks are done; nothing later is written). */
  until: CalendarDate;
  days?: number;
  seed?: number;
  /** Also write the events of the past to the event log (alerts raised and triaged, task steps). */
  eventLog?: boolean;
}

export interface HistoryCounts {
  alerts: number;
  tasks: number;
  taskEvents: number;
  patrols: number;
  riskRows: number;
  events: number;
}

/** The demo's first start: thirty days. */
export async function seedDemoHistory(trx: Knex.Transaction, dataset: Dataset, today: CalendarDate): Promise<HistoryCounts> {
  return seedHistory(trx, dataset, { until: today, days: HISTORY_DAYS });
}

export async function seedHistory(db: Knex, dataset: Dataset, options: HistoryOptions): Promise<HistoryCounts> {
  const length = options.days ?? 365;
  const today = options.until;
  const random = new SeededRandom(options.seed ?? DEMO_SEED);
  const issuers = await cityDutyOfficers(db, dataset);
  const from = addDays(today, -length);
  const days = Array.from({ length }, (_, index) => addDays(from, index));
  const isSchoolDay = schoolDayCalendarOf(DEFAULT_SCHOOL_CALENDAR);
  // Today's morning check too: the demo starts after the morning, when most kitchens have done theirs.
  const schoolDays = [...days, today].filter(isSchoolDay);
  // A small data set (the tests') keeps a city's rate, so every stage of a task still shows.
  const perDay = (cityRate: number) => Math.max(cityRate, Math.round((cityRate * dataset.canteens.length) / RATE_PER_CANTEENS));

  await cameraHistory(db, from, today);
  await morningChecks(db, schoolDays);
  await weeklyRecords(db, schoolDays);
  const patrolCount = await patrols(db, dataset, days, perDay(PATROLS_PER_DAY), random, issuers);
  const cases = await alertsAndTasks(db, dataset, days, today, perDay(ALERTS_PER_DAY), random, issuers);
  const riskRows = await riskHistory(db, days);
  const events = options.eventLog ? await pastEvents(db) : 0;
  return { ...cases, patrols: patrolCount, riskRows, events };
}

/** The duty officer of each city (city_operator at the city node), by the city's path. */
async function cityDutyOfficers(db: Knex, dataset: Dataset): Promise<(scopePath: string) => Actor> {
  const cities = dataset.jurisdictions.filter((node) => node.level === 'city');
  const officers = (await db('users')
    .where({ role: 'city_operator' })
    .whereIn(
      'jurisdiction_id',
      cities.map((city) => city.id),
    )
    .orderBy('username')
    .select('id', 'display_name', 'jurisdiction_id')) as Array<{ id: string; display_name: string; jurisdiction_id: string }>;
  const byCity = new Map<string, Actor>();
  for (const city of cities) {
    const officer = officers.find((user) => user.jurisdiction_id === city.id);
    if (!officer) throw new Error(`No duty officer (city_operator) at ${city.name}: seed the demo users first`);
    byCity.set(city.path, { id: officer.id, name: officer.display_name, unitName: city.name, nodeId: city.id, nodeCode: city.code });
  }
  return (scopePath) => byCity.get(scopePath.split('/', 3).join('/') + '/')!;
}

/**
 * Every camera online from the window's start, a few with an outage of some hours in each thirty days, unknown
 * again from now.
 */
async function cameraHistory(db: Knex, from: CalendarDate, today: CalendarDate): Promise<void> {
  const start = shanghaiInstant(from);
  const end = shanghaiInstant(today);
  const windows = Math.max(1, Math.floor((end.getTime() - start.getTime()) / (30 * DAY)));
  await db.raw(
    `INSERT INTO camera_status_history (camera_id, scope_path, status, changed_at)
     SELECT id, scope_path, 'online', ?::timestamptz FROM cameras
     UNION ALL
     SELECT id, scope_path, x.status, ?::timestamptz + make_interval(days => 30 * w) + x.at
       FROM cameras CROSS JOIN generate_series(0, ? - 1) AS w,
       LATERAL (SELECT abs(hashtext(id::text || w)) AS h) AS r,
       LATERAL (VALUES ('offline', make_interval(hours => 24 + r.h % 600)),
                       ('online', make_interval(hours => 24 + r.h % 600 + 1 + r.h % 30))) AS x(status, at)
      WHERE r.h % 100 < ?
     UNION ALL
     SELECT id, scope_path, 'unknown', ?::timestamptz FROM cameras`,
    [start, start, windows, CAMERA_OUTAGE_SHARE, end],
  );
}

/** A morning check on most school days of most schools, before the cutoff, by the canteen's staff. */
async function morningChecks(db: Knex, schoolDays: CalendarDate[]): Promise<void> {
  if (schoolDays.length === 0) return;
  await db.raw(
    `INSERT INTO ledger_entries (id, school_id, scope_path, kind, entry_date, payload, created_at)
     SELECT md5(s.id::text || d.day || 'morning_check')::uuid, s.id, s.scope_path, 'morning_check', d.day::date,
            jsonb_build_object('checked', jsonb_build_array(jsonb_build_object('name', '厨师长'), jsonb_build_object('name', '帮厨')),
                               'unfit', '[]'::jsonb),
            LEAST((d.day::date + time '07:20') AT TIME ZONE 'Asia/Shanghai', now())
       FROM schools s CROSS JOIN unnest(?::text[]) AS d(day)
      WHERE abs(hashtext(s.id::text || d.day)) % 100 < ?`,
    [schoolDays, MORNING_CHECK_SHARE],
  );
}

/** Each school's weekly meal accompaniment (陪餐) and self-inspection, on the first school day of most weeks. */
async function weeklyRecords(db: Knex, schoolDays: CalendarDate[]): Promise<void> {
  const firstOfWeek = schoolDays.filter((day, index) => index === 0 || isoWeekStart(schoolDays[index - 1]!) !== isoWeekStart(day));
  if (firstOfWeek.length === 0) return;
  const meal = { meal: 'lunch', companions: [{ name: '校长', role: 'leader' }], comments: '饭菜温度适宜，分量充足。', satisfied: true };
  const checklist = (await db('checklists').where({ kind: 'inspection', active: true }).first('id', 'content')) as
    { id: string; content: ChecklistContent } | undefined;
  const inspection = checklist && {
    checklistId: checklist.id,
    answers: itemsOf(checklist.content).map((item) => ({ item: item.code, result: 'pass' })),
  };
  for (const [kind, payload] of [
    ['meal_accompaniment', meal],
    ['self_inspection', inspection],
  ] as const) {
    if (!payload) continue;
    await db.raw(
      `INSERT INTO ledger_entries (id, school_id, scope_path, kind, entry_date, payload, created_at)
       SELECT md5(s.id::text || d.day || ?)::uuid, s.id, s.scope_path, ?, d.day::date, ?::jsonb,
              LEAST((d.day::date + time '12:40') AT TIME ZONE 'Asia/Shanghai', now())
         FROM schools s CROSS JOIN unnest(?::text[]) AS d(day)
        WHERE abs(hashtext(s.id::text || d.day || ?)) % 100 < ?`,
      [kind, kind, JSON.stringify(payload), firstOfWeek, kind, WEEKLY_RECORD_SHARE],
    );
  }
}

/** The day's network patrols of each city's duty officer: most passed, a failed one with a failed item. */
async function patrols(
  db: Knex,
  dataset: Dataset,
  days: CalendarDate[],
  perDay: number,
  random: SeededRandom,
  operatorOf: (scopePath: string) => Actor,
): Promise<number> {
  const checklist = (await db('checklists').where({ kind: 'remote_patrol', active: true }).first('id', 'content')) as
    { id: string; content: ChecklistContent } | undefined;
  if (!checklist) return 0;
  const items = itemsOf(checklist.content);
  const general = items.filter((item) => !item.key);
  const rows = days.flatMap((day) =>
    Array.from({ length: perDay }, (_, index) => {
      const canteen = random.pick(dataset.canteens);
      const operator = operatorOf(canteen.scopePath);
      const failing = random.chance(0.18) && general.length > 0 ? random.pick(general).code : null;
      const submittedAt = new Date(shanghaiInstant(day, '09:00').getTime() + random.int(0, 8 * 60) * 60_000);
      return {
        id: fixtureId('demo-patrol', `${day}:${index}`),
        canteen_id: canteen.id,
        school_id: canteen.schoolId,
        scope_path: canteen.scopePath,
        operator_id: operator.id,
        operator_name: operator.name,
        operator_node_id: operator.nodeId,
        checklist_id: checklist.id,
        result: failing ? 'failed' : 'passed',
        answers: JSON.stringify(items.map((item) => ({ item: item.code, result: item.code === failing ? 'fail' : 'pass' }))),
        failed_count: failing ? 1 : 0,
        key_failed_count: 0,
        started_at: new Date(submittedAt.getTime() - random.int(3, 9) * 60_000),
        submitted_at: submittedAt,
      };
    }),
  );
  await insertBatched(db, 'patrol_records', rows);
  return rows.length;
}

async function insertBatched(db: Knex, table: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db(table).insert(rows.slice(i, i + BATCH));
}

type TaskState = 'dispatched' | 'accepted' | 'submitted' | 'closed';

/**
 * AI alerts on kitchen cameras: the older ones triaged within hours (about half confirmed, half dismissed as
 * false positives), the last day's partly still new. Each confirmed one became a task to its school, due in
 * three days: most closed (a few late), the rest at the state their age allows, some overdue and still open.
 */
async function alertsAndTasks(
  db: Knex,
  dataset: Dataset,
  days: CalendarDate[],
  today: CalendarDate,
  perDay: number,
  random: SeededRandom,
  issuerOf: (scopePath: string) => Actor,
): Promise<Pick<HistoryCounts, 'alerts' | 'tasks' | 'taskEvents'>> {
  const now = shanghaiInstant(today);
  const kitchen = dataset.cameras.filter((camera) => camera.area === 'cooking' || camera.area === 'prep');
  const schoolNode = new Map(dataset.schools.map((school) => [school.id, { id: school.jurisdictionId, code: school.code }]));
  const managers = new Map(
    (
      (await db('users').where({ role: 'school_manager' }).select('id', 'display_name', 'jurisdiction_id')) as Array<{
        id: string;
        display_name: string;
        jurisdiction_id: string;
      }>
    ).map((user) => [user.jurisdiction_id, user]),
  );
  const alerts: object[] = [];
  const tasks: object[] = [];
  const events: object[] = [];
  let taskNumber = 0;
  for (const day of days) {
    for (let index = 0; index < perDay; index++) {
      const camera = random.pick(kitchen);
      const issuer = issuerOf(camera.scopePath);
      const category = random.pick(VIDEO_CATEGORIES);
      const label = ALERT_CATEGORIES[category];
      const seenAt = new Date(shanghaiInstant(day, '06:00').getTime() + random.int(0, 14 * 60) * 60_000);
      const ageHours = (now.getTime() - seenAt.getTime()) / HOUR;
      const triaged = ageHours > 24 || random.chance(0.5);
      const confirmed = triaged && random.chance(0.5);
      const triagedAt = new Date(seenAt.getTime() + random.int(10, 300) * 60_000);
      const alertId = fixtureId('demo-alert', `${day}:${index}`);
      const taskId = confirmed ? fixtureId('demo-task', `${day}:${index}`) : null;
      const count = random.int(1, 6);
      alerts.push({
        id: alertId,
        source: 'ai',
        category,
        severity: label.severity,
        status: triaged ? (confirmed ? 'confirmed' : 'dismissed') : 'new',
        school_id: camera.schoolId,
        canteen_id: camera.canteenId,
        camera_id: camera.id,
        scope_path: camera.scopePath,
        fold_key: `${category}:${camera.id}`,
        confidence: Math.round((0.55 + random.float() * 0.4) * 100) / 100,
        first_seen_at: seenAt,
        last_seen_at: new Date(seenAt.getTime() + (count - 1) * 40_000),
        count,
        summary: `${camera.name}：${label.zh}`,
        dismiss_reason: triaged && !confirmed ? random.pick(DISMISS_REASONS) : null,
        triaged_by: triaged ? issuer.id : null,
        triaged_at: triaged ? triagedAt : null,
        task_id: taskId,
        created_at: seenAt,
        updated_at: triaged ? triagedAt : seenAt,
      });
      if (!taskId) continue;

      const school = schoolNode.get(camera.schoolId)!;
      const deadline = new Date(triagedAt.getTime() + 72 * HOUR);
      // How far the school got: each step some hours after the last; one in eight stalls after signing, one in
      // seven is slow and submits after the deadline. Steps still in the future have not happened yet.
      const stalled = random.chance(0.12);
      const slow = random.chance(0.15);
      const accepted = new Date(triagedAt.getTime() + random.int(1, 20) * HOUR);
      const submitted = new Date(accepted.getTime() + (slow ? random.int(60, 90) : random.int(8, 40)) * HOUR);
      const closed = new Date(submitted.getTime() + random.int(2, 24) * HOUR);
      const happened = (when: Date) => when.getTime() <= now.getTime();
      const state: TaskState = !happened(accepted)
        ? 'dispatched'
        : stalled || !happened(submitted)
          ? 'accepted'
          : !happened(closed)
            ? 'submitted'
            : 'closed';
      const acceptedAt = state === 'dispatched' ? null : accepted;
      const submittedAt = state === 'submitted' || state === 'closed' ? submitted : null;
      const closedAt = state === 'closed' ? closed : null;
      const remindAt = new Date(deadline.getTime() - 24 * HOUR);
      const overdueAt = (closedAt ?? now).getTime() > deadline.getTime() && (!submittedAt || submittedAt > deadline) ? deadline : null;
      taskNumber += 1;
      tasks.push({
        id: taskId,
        code: `RW${day.replaceAll('-', '')}-D${String(taskNumber).padStart(5, '0')}`,
        title: `${label.zh}整改`,
        description: `${camera.name}于 ${day} 发现“${label.zh}”，请立即整改并上传整改照片。`,
        source: 'alert',
        category,
        state,
        issuer_node_id: issuer.nodeId,
        issuer_user_id: issuer.id,
        assignee_node_id: school.id,
        assignee_level: 'school',
        school_id: camera.schoolId,
        canteen_id: camera.canteenId,
        camera_id: camera.id,
        instruction: `请于三日内整改：${label.zh}`,
        alert_id: alertId,
        scope_path: camera.scopePath,
        deadline,
        remind_at: remindAt,
        // Reminders due in the past went out then: the first start sends no burst of them.
        reminder_sent_at: happened(remindAt) && state !== 'closed' ? remindAt : null,
        overdue_at: overdueAt,
        accepted_at: acceptedAt,
        submitted_at: submittedAt,
        closed_at: closedAt,
        created_at: triagedAt,
        updated_at: closedAt ?? submittedAt ?? acceptedAt ?? triagedAt,
      });
      const manager = managers.get(school.id);
      type By = 'issuer' | 'school' | 'system';
      const timeline: Array<[string, string | null, string, Date, string, By]> = [
        ['dispatch', null, 'dispatched', triagedAt, `请于三日内整改：${label.zh}`, 'issuer'],
      ];
      if (acceptedAt) timeline.push(['accept', 'dispatched', 'accepted', acceptedAt, '已签收', 'school']);
      if (overdueAt) {
        const at = overdueAt < (acceptedAt ?? overdueAt) ? 'dispatched' : 'accepted';
        timeline.push(['overdue', at, at, overdueAt, `已逾期，上报${issuer.unitName}`, 'system']);
      }
      if (submittedAt) timeline.push(['submit', 'accepted', 'submitted', submittedAt, '已整改，现场已规范', 'school']);
      if (closedAt) timeline.push(['approve', 'submitted', 'closed', closedAt, '整改到位，予以销号', 'issuer']);
      // The timeline reads in insertion order: by time.
      timeline.sort((a, b) => a[3].getTime() - b[3].getTime());
      for (const [action, fromState, toState, when, note, by] of timeline) {
        events.push({
          task_id: taskId,
          at: when,
          action,
          from_state: fromState,
          to_state: toState,
          actor_kind: by === 'system' ? 'system' : 'user',
          actor_id: by === 'issuer' ? issuer.id : by === 'school' ? (manager?.id ?? null) : null,
          actor_name: by === 'issuer' ? issuer.name : by === 'school' ? (manager?.display_name ?? '学校食堂负责人') : 'scheduler',
          actor_node_code: by === 'issuer' ? issuer.nodeCode : by === 'school' ? school.code : null,
          note,
        });
      }
    }
  }
  // Alerts before the tasks that name them, and the tasks before their timelines.
  await insertBatched(db, 'alerts', alerts);
  await insertBatched(db, 'tasks', tasks);
  await insertBatched(db, 'task_events', events);
  return { alerts: alerts.length, tasks: tasks.length, taskEvents: events.length };
}

/**
 * A grade per canteen per day, as the daily recompute leaves them: a canteen's score wanders a few points around
 * its own level (most A and B, some C, a few D), graded on the national bands (A ≤ 30 < B ≤ 45 < C ≤ 60 < D).
 */
async function riskHistory(db: Knex, days: CalendarDate[]): Promise<number> {
  if (days.length === 0) return 0;
  const result = (await db.raw(
    `INSERT INTO canteen_risk_history (canteen_id, day, score, grade, static, dynamic, factors, computed_at)
     SELECT c.id, d.day::date, x.score,
            CASE WHEN x.score <= 30 THEN 'A' WHEN x.score <= 45 THEN 'B' WHEN x.score <= 60 THEN 'C' ELSE 'D' END,
            x.static, x.score - x.static, '[]'::jsonb, (d.day::date + time '02:00') AT TIME ZONE 'Asia/Shanghai'
       FROM canteens c CROSS JOIN unnest(?::text[]) AS d(day),
       LATERAL (SELECT 8 + abs(hashtext(c.id::text)) % 20 AS static,
                       abs(hashtext(c.id::text || 'level')) % 100 AS level,
                       abs(hashtext(c.id::text || d.day)) % 9 AS wander) AS h,
       LATERAL (SELECT h.static,
                       (h.static + CASE WHEN h.level < 60 THEN 6 WHEN h.level < 88 THEN 18 WHEN h.level < 97 THEN 30 ELSE 42 END
                        + h.wander)::float8 AS score) AS x`,
    [days],
  )) as { rowCount?: number; affectedRows?: number };
  return Number(result.rowCount ?? result.affectedRows ?? 0);
}

/**
 * The past's events on the log, in time order after whatever is there: each alert raised (and triaged), each
 * task step. Payloads are short (ids and states: the rows hold the rest). The risk grading's cursor is moved past
 * them, as if it had followed them as they happened.
 */
async function pastEvents(db: Knex): Promise<number> {
  const result = (await db.raw(
    `WITH past AS (
       SELECT 'alert.raised' AS type, 'alert' AS subject_type, a.id::text AS subject_id, a.scope_path,
              jsonb_build_object('id', a.id, 'status', 'new') AS payload, a.first_seen_at AS at
         FROM alerts a
       UNION ALL
       SELECT 'alert.' || a.status, 'alert', a.id::text, a.scope_path, jsonb_build_object('id', a.id, 'status', a.status),
              a.triaged_at
         FROM alerts a WHERE a.triaged_at IS NOT NULL
       UNION ALL
       SELECT 'task.' || CASE e.action WHEN 'dispatch' THEN 'dispatched' WHEN 'accept' THEN 'accepted' WHEN 'submit' THEN 'submitted'
                                       WHEN 'approve' THEN 'closed' ELSE e.action END,
              'task', t.id::text, t.scope_path, jsonb_build_object('id', t.id, 'state', e.to_state), e.at
         FROM task_events e JOIN tasks t ON t.id = e.task_id),
     numbered AS (
       SELECT past.*, row_number() OVER (ORDER BY at, subject_id, type) AS ord FROM past),
     counter AS (
       UPDATE event_counter SET last_seq = last_seq + (SELECT count(*) FROM numbered) WHERE id = 1
       RETURNING last_seq, last_seq - (SELECT count(*) FROM numbered) AS base),
     written AS (
       INSERT INTO event_log (seq, type, subject_type, subject_id, scope_nodes, actor_id, payload, created_at)
       SELECT counter.base + n.ord, n.type, n.subject_type, n.subject_id,
              string_to_array(trim(both '/' from n.scope_path), '/'), NULL, n.payload, n.at
         FROM numbered n CROSS JOIN counter
       RETURNING seq)
     SELECT count(*) AS n, (SELECT last_seq FROM counter) AS last FROM written`,
  )) as { rows: Array<{ n: number | string; last: number | string }> };
  const { n, last } = result.rows[0]!;
  await db('risk_recompute_state')
    .where({ id: 1 })
    .update({ last_seq: db.raw('GREATEST(last_seq, ?)', [Number(last)]) });
  return Number(n);
}
