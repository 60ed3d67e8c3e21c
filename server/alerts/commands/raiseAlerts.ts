// Alerts from services (AI detection, camera health) and operators, many at a time. A retry with the same
// idempotency key returns the alert of the first post and writes nothing. A repeat of one category on one
// camera joins its open case (alerts/case.ts: the alert, or the task it became) however long that stays open,
// counted with the first and last seen and the newest evidence, as Frigate folds detections into one review
// item; a new alert comes only after the case closed and the quiet gap passed. Categories the city set to
// auto-dispatch go to the school at once.
//
// The work is set-based, so that a burst of posts costs a handful of statements: one look-up of the targets,
// one claim of all keys, one lock of all fold keys, one look-up of the alerts to fold into, multi-row writes.
// Each post is checked on its own first; a bad one fails alone.
import { v7 as uuidv7 } from 'uuid';
import type { Knex } from 'knex';
import type { DomainContext } from '../../context';
import { asSystem, type UnitOfWork } from '../../db/unit-of-work';
import { isAhead } from '../../time';
import { invalidInput, notFound } from '../../errors';
import { codesOfPath, isWithin, type Caller } from '../../policy/actor';
import { createCaseTask } from '../../tasks/case-task';
import { joinsCase, latestCases } from '../case';
import { transitionAlert } from './transitionAlert';
import { ALERT_CATEGORIES, type AlertCategory, type AlertSource } from '../categories';
import { presentAlert } from '../presenters';
import { TargetCache, type AlertTarget } from '../target-cache';
import { getAlert, type AlertListRow, type AlertRow } from '../queries';

export interface RaiseAlertInput {
  source: AlertSource;
  category: AlertCategory;
  cameraId?: string | undefined;
  canteenId?: string | undefined;
  schoolId?: string | undefined;
  confidence?: number | undefined;
  detectedAt?: string | undefined;
  snapshotId?: string | undefined;
  boxes?: AlertRow['boxes'] | undefined;
  summary?: string | undefined;
  details?: Record<string, unknown> | undefined;
  idempotencyKey?: string | undefined;
  /** Distinguishes alerts of one category on one target that must not fold together (e.g. a checklist item). */
  foldSubject?: string | undefined;
}

export interface AlertRequest {
  caller: Caller;
  input: RaiseAlertInput;
}

export type RaiseOutcome = 'created' | 'folded' | 'replayed';
export type PresentedAlert = ReturnType<typeof presentAlert>;
export interface AlertOutcome {
  alertId: string;
  outcome: RaiseOutcome;
  alert: PresentedAlert;
}
export type AlertResult = { ok: true; value: AlertOutcome } | { ok: false; error: unknown };

/** Another process's batch took one of this batch's keys between look-up and write: run the batch again. */
export class KeyRaceError extends Error {
  readonly code = 'key_race';
}

/** Detections may be stamped a little ahead by a camera's clock; not more. */

type Target = AlertTarget;

const scopeOf = (caller: Caller) => (caller.actor.kind === 'user' || caller.actor.kind === 'service' ? caller.actor.node.path : '/');

/** The targets of the posts: from the cache, and the rest looked up together (and then cached). */
async function lookUpTargets(trx: Knex.Transaction, cache: TargetCache, requests: readonly AlertRequest[]): Promise<Map<string, Target>> {
  const targets = new Map<string, Target>();
  const missing = requests.filter((request) => {
    const key = targetKey(request.input);
    const cached = cache.get(key);
    if (cached) targets.set(key, cached);
    return !cached;
  });
  const ids = (pick: (input: RaiseAlertInput) => string | undefined) => [
    ...new Set(missing.map((r) => pick(r.input)).filter((id): id is string => !!id)),
  ];
  const base = () =>
    trx('schools as s')
      .join('jurisdictions as county', 'county.id', 's.county_id')
      .select('s.id as school_id', 's.name as school_name', 'county.code as county_code', 'county.name as county_name');
  const cameraIds = ids((input) => input.cameraId);
  if (cameraIds.length > 0) {
    const rows = (await base()
      .join('canteens as c', 'c.school_id', 's.id')
      .join('cameras as m', 'm.canteen_id', 'c.id')
      .whereIn('m.id', cameraIds)
      .select('c.id as canteen_id', 'c.name as canteen_name', 'm.id as camera_id', 'm.name as camera_name', 'm.scope_path')) as Target[];
    for (const row of rows) targets.set(`camera:${row.camera_id}`, row);
  }
  const canteenIds = ids((input) => (input.cameraId ? undefined : input.canteenId));
  if (canteenIds.length > 0) {
    const rows = (await base()
      .join('canteens as c', 'c.school_id', 's.id')
      .whereIn('c.id', canteenIds)
      .select('c.id as canteen_id', 'c.name as canteen_name', 'c.scope_path')) as Target[];
    for (const row of rows) targets.set(`canteen:${row.canteen_id}`, { ...row, camera_id: null, camera_name: null });
  }
  const schoolIds = ids((input) => (input.cameraId || input.canteenId ? undefined : input.schoolId));
  if (schoolIds.length > 0) {
    const rows = (await base().whereIn('s.id', schoolIds).select('s.scope_path')) as Target[];
    for (const row of rows)
      targets.set(`school:${row.school_id}`, { ...row, canteen_id: null, canteen_name: null, camera_id: null, camera_name: null });
  }
  for (const request of missing) {
    const key = targetKey(request.input);
    const found = targets.get(key);
    if (found) cache.set(key, found);
  }
  return targets;
}

const targetKey = (input: RaiseAlertInput) =>
  input.cameraId ? `camera:${input.cameraId}` : input.canteenId ? `canteen:${input.canteenId}` : `school:${input.schoolId}`;

/** Row plus names: what the presenter needs. */
const withNames = (row: AlertRow, target: Target): AlertListRow => ({
  ...row,
  school_name: target.school_name,
  county_code: target.county_code,
  county_name: target.county_name,
  canteen_name: target.canteen_name,
  camera_name: target.camera_name,
  triaged_by_name: null,
});

interface Pending {
  index: number;
  caller: Caller;
  input: RaiseAlertInput;
  target: Target;
  key: string;
  foldKey: string;
  detectedAt: Date;
}

export async function raiseAlerts(
  uow: UnitOfWork,
  ctx: DomainContext,
  requests: readonly AlertRequest[],
  cache: TargetCache = new TargetCache(),
): Promise<AlertResult[]> {
  const trx = uow.trx;
  const now = ctx.now();
  const results: AlertResult[] = new Array<AlertResult>(requests.length);
  const fail = (index: number, error: unknown) => (results[index] = { ok: false, error });

  // 1. Each post on its own: its target, its time, its snapshot.
  const targets = await lookUpTargets(trx, cache, requests);
  const snapshotIds = [...new Set(requests.map((r) => r.input.snapshotId).filter((id): id is string => !!id))];
  const snapshots = new Map(
    snapshotIds.length === 0
      ? []
      : ((await trx('attachments').whereIn('id', snapshotIds).select('id', 'scope_path')) as Array<{ id: string; scope_path: string }>).map(
          (row) => [row.id, row.scope_path],
        ),
  );
  const valid: Pending[] = [];
  requests.forEach(({ caller, input }, index) => {
    const target = targets.get(targetKey(input));
    const scope = scopeOf(caller);
    if (!target || !isWithin(target.scope_path, scope)) return fail(index, notFound('camera, canteen or school'));
    const detectedAt = input.detectedAt ? new Date(input.detectedAt) : now;
    if (isAhead(detectedAt, now)) return fail(index, invalidInput('detectedAt lies in the future'));
    if (input.snapshotId) {
      const path = snapshots.get(input.snapshotId);
      const fits =
        path !== undefined && path.startsWith(scope) && (path.startsWith(target.scope_path) || target.scope_path.startsWith(path));
      if (!fits) return fail(index, invalidInput('Unknown snapshot, or one of another school', { attachments: [input.snapshotId] }));
    }
    const subject = target.camera_id ?? target.canteen_id ?? target.school_id;
    valid.push({
      index,
      caller,
      input,
      target,
      key: input.idempotencyKey ?? `op:${uuidv7()}`,
      foldKey: `${input.category}:${subject}${input.foldSubject ? `:${input.foldSubject}` : ''}`,
      detectedAt,
    });
  });
  if (valid.length === 0) return results;

  // 2. Idempotency: a key seen before replays the alert it made. (The keys are written with their alerts
  //    below; a key taken meanwhile by another process's batch makes this batch run again, as a replay.)
  const firstWithKey = new Map<string, Pending>();
  const repeats: Pending[] = [];
  for (const item of valid) {
    if (firstWithKey.has(item.key)) repeats.push(item);
    else firstWithKey.set(item.key, item);
  }
  const known = new Set(
    (
      (await trx('alert_keys')
        .whereIn('key', [...firstWithKey.keys()])
        .select('key')) as Array<{ key: string }>
    ).map((row) => row.key),
  );
  const replays = [...firstWithKey.values()].filter((item) => known.has(item.key));
  const fresh = [...firstWithKey.values()].filter((item) => !known.has(item.key));

  // 3. Fold: lock the fold keys (in one order everywhere, so batches cannot deadlock), find what is open.
  const foldKeys = [...new Set(fresh.map((item) => item.foldKey))];
  const state = new Map<string, AlertRow>();
  const created = new Set<string>();
  const reopened = new Set<string>();
  const touched = new Map<string, Pending>();
  const outcomeOf = new Map<Pending, { alertId: string; outcome: RaiseOutcome }>();
  if (fresh.length > 0) {
    await trx.raw(
      'SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(?::text[]) AS k ORDER BY h) AS locks',
      [foldKeys],
    );
    const gaps = new Map<string, number>();
    for (const path of new Set(fresh.map((item) => item.target.scope_path))) {
      gaps.set(path, (await ctx.settings.get(trx, path, 'alerts.quietGapMinutes')) * 60_000);
    }
    const current = await latestCases(trx, foldKeys);
    for (const item of [...fresh].sort((a, b) => a.detectedAt.getTime() - b.detectedAt.getTime() || a.index - b.index)) {
      const existing = current.get(item.foldKey);
      if (existing && joinsCase(existing, item.detectedAt, gaps.get(item.target.scope_path)!)) {
        const candidate = existing.alert;
        const newest = item.detectedAt >= candidate.last_seen_at;
        const folded: AlertRow = {
          ...candidate,
          count: candidate.count + 1,
          first_seen_at: item.detectedAt < candidate.first_seen_at ? item.detectedAt : candidate.first_seen_at,
          last_seen_at: newest ? item.detectedAt : candidate.last_seen_at,
          snapshot_id: newest ? (item.input.snapshotId ?? candidate.snapshot_id) : candidate.snapshot_id,
          boxes: newest ? (item.input.boxes ?? candidate.boxes) : candidate.boxes,
          confidence: newest ? (item.input.confidence ?? candidate.confidence) : candidate.confidence,
          version: created.has(candidate.id) ? candidate.version : candidate.version + (touched.has(candidate.id) ? 0 : 1),
        };
        current.set(item.foldKey, { ...existing, alert: folded });
        state.set(folded.id, folded);
        // A camera fault back soon after it cleared is the same case, open again.
        if (folded.status === 'resolved') reopened.add(folded.id);
        touched.set(folded.id, item);
        outcomeOf.set(item, { alertId: folded.id, outcome: 'folded' });
      } else {
        const row: AlertRow = {
          id: uuidv7(),
          source: item.input.source,
          category: item.input.category,
          severity: ALERT_CATEGORIES[item.input.category].severity,
          status: 'new',
          school_id: item.target.school_id,
          canteen_id: item.target.canteen_id,
          camera_id: item.target.camera_id,
          scope_path: item.target.scope_path,
          fold_key: item.foldKey,
          confidence: item.input.confidence ?? null,
          first_seen_at: item.detectedAt,
          last_seen_at: item.detectedAt,
          count: 1,
          snapshot_id: item.input.snapshotId ?? null,
          boxes: item.input.boxes ?? null,
          summary: item.input.summary ?? null,
          details: item.input.details ?? null,
          dismiss_reason: null,
          task_id: null,
          triaged_by: null,
          triaged_by_system: null,
          triaged_at: null,
          resolved_at: null,
          resolution: null,
          version: 1,
        };
        current.set(item.foldKey, { alert: row, taskState: null, taskEndedAt: null });
        state.set(row.id, row);
        created.add(row.id);
        touched.set(row.id, item);
        outcomeOf.set(item, { alertId: row.id, outcome: 'created' });
      }
    }

    // 4. Write: new alerts in one statement, folded ones each, keys pointed at their alerts, snapshots bound.
    const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
    const inserts = [...created].map((id) => state.get(id)!);
    for (let i = 0; i < inserts.length; i += 200) {
      await trx('alerts').insert(
        inserts
          .slice(i, i + 200)
          .map((row) => ({ ...row, boxes: json(row.boxes), details: json(row.details), created_at: now, updated_at: now })),
      );
    }
    for (const [id, row] of state) {
      if (created.has(id)) continue;
      await trx('alerts')
        .where({ id })
        .update({
          count: row.count,
          first_seen_at: row.first_seen_at,
          last_seen_at: row.last_seen_at,
          snapshot_id: row.snapshot_id,
          boxes: json(row.boxes),
          confidence: row.confidence,
          version: row.version,
          updated_at: now,
        });
    }
    const claimed = (await trx.raw(
      'INSERT INTO alert_keys (key, alert_id) SELECT * FROM unnest(?::text[], ?::uuid[]) ON CONFLICT (key) DO NOTHING RETURNING key',
      [fresh.map((item) => item.key), fresh.map((item) => outcomeOf.get(item)!.alertId)],
    )) as { rows: unknown[] };
    if (claimed.rows.length !== fresh.length) throw new KeyRaceError();
    const bound = [...new Set(fresh.map((item) => item.input.snapshotId).filter((id): id is string => !!id))];
    if (bound.length > 0) await trx('attachments').whereIn('id', bound).update({ bound: true });

    // 5. One event per alert that changed, naming who made the last change.
    for (const [id, row] of state) {
      const item = touched.get(id)!;
      const actor = item.caller.actor;
      uow.emit({
        type: created.has(id) ? 'alert.raised' : 'alert.updated',
        subject: { type: 'alert', id },
        scopePaths: [row.scope_path],
        actorId: actor.kind === 'user' || actor.kind === 'service' ? actor.id : null,
        payload: presentAlert(withNames(row, item.target)),
      });
    }

    // 6. Then what follows from them: a camera fault back soon after it cleared reopens its case, and a new
    //    alert of a category the city set to auto-dispatch goes to the school as a rectification notice.
    for (const id of reopened) state.set(id, await transitionAlert(asSystem(uow, 'camera-health'), ctx, state.get(id)!, 'reopen'));
    for (const id of created) {
      const dispatched = await autoDispatch(uow, ctx, state.get(id)!, touched.get(id)!.target);
      if (dispatched) state.set(id, dispatched);
    }
  }

  // 7. Answers: the alert as it now stands for each post; replays as they stood.
  const replayIds = [...new Set(replays.map((item) => item.key))];
  const previous = new Map(
    replayIds.length === 0
      ? []
      : (
          (await trx('alert_keys as k')
            .join('alerts as a', 'a.id', 'k.alert_id')
            .whereIn('k.key', replayIds)
            .select('k.key', 'a.*')) as Array<AlertRow & { key: string }>
        ).map((row) => [row.key, row]),
  );
  for (const item of replays) {
    const row = previous.get(item.key);
    if (!row || !isWithin(row.scope_path, scopeOf(item.caller))) {
      fail(item.index, notFound('alert'));
      continue;
    }
    const target = targets.get(targetKey(item.input))!;
    results[item.index] = { ok: true, value: { alertId: row.id, outcome: 'replayed', alert: presentAlert(withNames(row, target)) } };
  }
  for (const item of fresh) {
    const { alertId, outcome } = outcomeOf.get(item)!;
    results[item.index] = { ok: true, value: { alertId, outcome, alert: presentAlert(withNames(state.get(alertId)!, item.target)) } };
  }
  for (const item of repeats) {
    const first = results[firstWithKey.get(item.key)!.index]!;
    results[item.index] = first.ok ? { ok: true, value: { ...first.value, outcome: 'replayed' } } : first;
  }
  return results;
}

/** For a category the city set to auto-dispatch: the alert becomes a notice to its school at once. */
async function autoDispatch(uow: UnitOfWork, ctx: DomainContext, alert: AlertRow, target: Target): Promise<AlertRow | null> {
  const rule = (await ctx.settings.get(uow.trx, target.scope_path, 'alerts.autoDispatch'))[alert.category];
  if (!rule) return null;
  const city = (await uow
    .trx('jurisdictions')
    .whereIn('code', codesOfPath(target.scope_path))
    .where({ level: 'city' })
    .first('id', 'path')) as { id: string; path: string } | undefined;
  if (!city) return null;
  const name = ALERT_CATEGORIES[alert.category].zh;
  await createCaseTask(asSystem(uow, 'auto-dispatch'), ctx, {
    alert,
    issuer: { nodeId: city.id, path: city.path, userId: null },
    to: 'school',
    title: `${name}整改通知：${target.school_name}`,
    instruction: `系统抓拍到${name}，请立即整改并上传整改照片。`,
    deadline: new Date(ctx.now().getTime() + rule.deadlineHours * 3_600_000),
  });
  return (await getAlert(uow.trx, alert.id))!;
}

/** One alert inside a unit of work that is already open (a patrol record raising its findings). */
export async function raiseAlertWithin(uow: UnitOfWork, ctx: DomainContext, input: RaiseAlertInput): Promise<AlertOutcome> {
  const [result] = await raiseAlerts(uow, ctx, [{ caller: uow.caller, input }]);
  if (!result!.ok) throw result!.error;
  return result!.value;
}
