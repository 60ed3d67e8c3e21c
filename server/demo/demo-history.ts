// Thirty days of made-up history for the demo, so that on first start the assessment, the trends, the
// ranking, the risk grades and the bulletin have something to say: cameras' status history (a few outages),
// morning checks in the ledgers, daily network patrols (most passed), AI alerts (mostly triaged: confirmed or
// dismissed), and the tasks the confirmed ones became, through their states (most closed, some late, some
// overdue and open). Deterministic: a seeded random source and ids derived from names. Rows only in the
// columns and states every schema version has (alerts new/confirmed/dismissed), written in a few set-based
// statements (the ten thousands of ledger and camera rows by the database itself), so a first start stays
// fast. Nothing is announced on the event log: this is the past.
import type { Knex } from 'knex';
import { fixtureId } from '../../fixtures/ids';
import { SeededRandom } from '../../fixtures/random';
import type { Dataset } from '../../fixtures/region/types';
import { addDays, isoWeekStart, shanghaiInstant, type CalendarDate } from '../../analytics/calendar';
import { DEFAULT_SCHOOL_CALENDAR, schoolDayCalendarOf } from '../../analytics/calendar/school-calendar-setting';
import { ALERT_CATEGORIES } from '../alerts/categories';
import { itemsOf, type ChecklistContent } from '../patrol/checklists/content';

export const HISTORY_DAYS = 30;
const PATROLS_PER_DAY = 20;
const ALERTS_PER_DAY = 14;
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

interface Actor {
  id: string;
  name: string;
  /** The issuing unit's name, as an escalation names it. */
  unitName: string;
  nodeId: string;
  nodeCode: string;
}

export async function seedDemoHistory(trx: Knex.Transaction, dataset: Dataset, today: CalendarDate): Promise<void> {
  const random = new SeededRandom(20261207);
  const city = dataset.jurisdictions.find((node) => node.level === 'city')!;
  const duty = (await trx('users').where({ username: 'city.duty' }).first('id', 'display_name')) as { id: string; display_name: string };
  const issuer: Actor = { id: duty.id, name: duty.display_name, unitName: city.name, nodeId: city.id, nodeCode: city.code };
  const from = addDays(today, -HISTORY_DAYS);
  const days = Array.from({ length: HISTORY_DAYS }, (_, index) => addDays(from, index));
  const isSchoolDay = schoolDayCalendarOf(DEFAULT_SCHOOL_CALENDAR);
  // Today's morning check too: the demo starts after the morning, when most kitchens have done theirs.
  const schoolDays = [...days, today].filter(isSchoolDay);

  await cameraHistory(trx, from, today);
  await morningChecks(trx, schoolDays);
  await weeklyRecords(trx, schoolDays);
  await patrols(trx, dataset, days, random, issuer);
  await alertsAndTasks(trx, dataset, days, today, random, issuer);
}

/** Every camera online from the window's start, a few with an outage of some hours, unknown again from now. */
async function cameraHistory(trx: Knex.Transaction, from: CalendarDate, today: CalendarDate): Promise<void> {
  const start = shanghaiInstant(from);
  const end = shanghaiInstant(today);
  await trx.raw(
    `INSERT INTO camera_status_history (camera_id, scope_path, status, changed_at)
     SELECT id, scope_path, 'online', ?::timestamptz FROM cameras
     UNION ALL
     SELECT id, scope_path, x.status, ?::timestamptz + x.at FROM cameras,
       LATERAL (SELECT abs(hashtext(id::text)) AS h) AS r,
       LATERAL (VALUES ('offline', make_interval(hours => 24 + r.h % 600)),
                       ('online', make_interval(hours => 24 + r.h % 600 + 1 + r.h % 30))) AS x(status, at)
      WHERE r.h % 100 < ?
     UNION ALL
     SELECT id, scope_path, 'unknown', ?::timestamptz FROM cameras`,
    [start, start, CAMERA_OUTAGE_SHARE, end],
  );
}

/** A morning check on most school days of most schools, before the cutoff, by the canteen's staff. */
async function morningChecks(trx: Knex.Transaction, schoolDays: CalendarDate[]): Promise<void> {
  if (schoolDays.length === 0) return;
  await trx.raw(
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
async function weeklyRecords(trx: Knex.Transaction, schoolDays: CalendarDate[]): Promise<void> {
  const firstOfWeek = schoolDays.filter((day, index) => index === 0 || isoWeekStart(schoolDays[index - 1]!) !== isoWeekStart(day));
  if (firstOfWeek.length === 0) return;
  const meal = { meal: 'lunch', companions: [{ name: '校长', role: 'leader' }], comments: '饭菜温度适宜，分量充足。', satisfied: true };
  const checklist = (await trx('checklists').where({ kind: 'inspection', active: true }).first('id', 'content')) as
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
    await trx.raw(
      `INSERT INTO ledger_entries (id, school_id, scope_path, kind, entry_date, payload, created_at)
       SELECT md5(s.id::text || d.day || ?)::uuid, s.id, s.scope_path, ?, d.day::date, ?::jsonb,
              LEAST((d.day::date + time '12:40') AT TIME ZONE 'Asia/Shanghai', now())
         FROM schools s CROSS JOIN unnest(?::text[]) AS d(day)
        WHERE abs(hashtext(s.id::text || d.day || ?)) % 100 < ?`,
      [kind, kind, JSON.stringify(payload), firstOfWeek, kind, WEEKLY_RECORD_SHARE],
    );
  }
}

/** The day's network patrols of the city's duty officer: most passed, a failed one with a failed item. */
async function patrols(trx: Knex.Transaction, dataset: Dataset, days: CalendarDate[], random: SeededRandom, operator: Actor) {
  const checklist = (await trx('checklists').where({ kind: 'remote_patrol', active: true }).first('id', 'content')) as
    { id: string; content: ChecklistContent } | undefined;
  if (!checklist) return;
  const items = itemsOf(checklist.content);
  const general = items.filter((item) => !item.key);
  const rows = days.flatMap((day) =>
    Array.from({ length: PATROLS_PER_DAY }, (_, index) => {
      const canteen = random.pick(dataset.canteens);
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
  for (let i = 0; i < rows.length; i += 500) await trx('patrol_records').insert(rows.slice(i, i + 500));
}

type TaskState = 'dispatched' | 'accepted' | 'submitted' | 'closed';

/**
 * AI alerts on kitchen cameras: the older ones triaged within hours (about half confirmed, half dismissed as
 * false positives), the last day's partly still new. Each confirmed one became a task to its school, due in
 * three days: most closed (a few late), the rest at the state their age allows, some overdue and still open.
 */
async function alertsAndTasks(
  trx: Knex.Transaction,
  dataset: Dataset,
  days: CalendarDate[],
  today: CalendarDate,
  random: SeededRandom,
  issuer: Actor,
) {
  const now = shanghaiInstant(today);
  const kitchen = dataset.cameras.filter((camera) => camera.area === 'cooking' || camera.area === 'prep');
  const schoolNode = new Map(dataset.schools.map((school) => [school.id, { id: school.jurisdictionId, code: school.code }]));
  const managers = new Map(
    (
      (await trx('users').where({ role: 'school_manager' }).select('id', 'display_name', 'jurisdiction_id')) as Array<{
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
    for (let index = 0; index < ALERTS_PER_DAY; index++) {
      const camera = random.pick(kitchen);
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
  for (let i = 0; i < alerts.length; i += 500) await trx('alerts').insert(alerts.slice(i, i + 500));
  for (let i = 0; i < tasks.length; i += 500) await trx('tasks').insert(tasks.slice(i, i + 500));
  for (let i = 0; i < events.length; i += 500) await trx('task_events').insert(events.slice(i, i + 500));
}
