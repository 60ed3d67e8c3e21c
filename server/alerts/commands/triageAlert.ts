// Triage of a new alert: confirm it (and, if asked, dispatch a task with its evidence) or dismiss it as a
// false positive with a reason. Dismissed alerts are kept: they are the training feedback for the models.
import type { DomainContext } from '../../context';
import { runInTransaction, type UnitOfWork } from '../../db/unit-of-work';
import { conflict, invalidInput, notFound } from '../../errors';
import type { Caller, UserActor } from '../../policy/actor';
import { createTasks } from '../../tasks/create-tasks';
import { resolveDeadline } from '../../tasks/commands/resolve';
import { ALERT_CATEGORIES } from '../categories';
import { alertEventPayload } from '../presenters';
import { getAlert, type AlertRow } from '../queries';

export interface ConfirmInput {
  version: number;
  dispatch?:
    | {
        to: 'school' | 'county';
        title?: string | undefined;
        note?: string | undefined;
        deadline?: string | undefined;
        deadlineHours?: number | undefined;
      }
    | undefined;
}

async function lockNewAlert(
  uow: UnitOfWork,
  actor: UserActor,
  id: string,
  version: number,
  action: 'confirm' | 'dismiss',
): Promise<AlertRow> {
  const alert = (await uow.trx('alerts').where({ id }).forUpdate().first('*')) as AlertRow | undefined;
  if (!alert || !alert.scope_path.startsWith(actor.node.path)) throw notFound('alert');
  if (alert.status !== 'new') {
    throw conflict('illegal_transition', `Cannot ${action} a ${alert.status} alert`, { state: alert.status, action, allowed: [] });
  }
  // While an alert is new, the only changes to it are detections folded in (count, last seen, newest snapshot):
  // they do not change what the operator decided on, and a live camera folds every few seconds, so an older
  // version still triages it. Someone else's triage is caught above.
  if (version > alert.version)
    throw conflict('stale_version', 'The alert was changed by someone else; reload and try again', { version: alert.version });
  return alert;
}

/** Tells everyone in scope how an alert now stands. */
export async function emitAlert(uow: UnitOfWork, type: string, id: string): Promise<void> {
  const row = (await getAlert(uow.trx, id))!;
  uow.emit({ type, subject: { type: 'alert', id }, scopePaths: [row.scope_path], payload: alertEventPayload(row) });
}

export async function confirmAlert(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  id: string,
  input: ConfirmInput,
): Promise<void> {
  const actor = caller.actor;
  await runInTransaction(ctx, caller, async (uow) => {
    const alert = await lockNewAlert(uow, actor, id, input.version, 'confirm');
    const now = ctx.now();
    let taskId: string | null = null;
    if (input.dispatch) {
      const school = (await uow
        .trx('schools as s')
        .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
        .join('jurisdictions as county', 'county.id', 's.county_id')
        .where('s.id', alert.school_id)
        .first('s.name', 'j.id as school_node', 'j.path as school_path', 'county.id as county_node', 'county.path as county_path')) as {
        name: string;
        school_node: string;
        school_path: string;
        county_node: string;
        county_path: string;
      };
      const toCounty = input.dispatch.to === 'county';
      const assignee = toCounty
        ? { nodeId: school.county_node, path: school.county_path, level: 'county' as const, schoolId: null }
        : { nodeId: school.school_node, path: school.school_path, level: 'school' as const, schoolId: alert.school_id };
      if (assignee.path === actor.node.path) throw invalidInput('Dispatch to a node below your own');
      const name = ALERT_CATEGORIES[alert.category].zh;
      const [task] = await createTasks(uow, ctx, [
        {
          title: input.dispatch.title ?? `${name}整改：${school.name}`,
          description: input.dispatch.note ?? alert.summary ?? `请核查并整改：${name}（${school.name}）`,
          source: 'alert',
          category: alert.category,
          issuer: { nodeId: actor.node.id, path: actor.node.path, userId: actor.id },
          assignee,
          canteenId: toCounty ? null : alert.canteen_id,
          alertId: alert.id,
          deadline: await resolveDeadline(uow.trx, actor.node.path, now, input.dispatch),
          attachmentIds: alert.snapshot_id ? [alert.snapshot_id] : [],
          note: input.dispatch.note ?? null,
        },
      ]);
      taskId = task!.id;
    }
    await uow
      .trx('alerts')
      .where({ id })
      .update({ status: 'confirmed', triaged_by: actor.id, triaged_at: now, task_id: taskId, version: alert.version + 1, updated_at: now });
    uow.audit({ action: 'alert.confirm', targetType: 'alert', targetId: id, scopePath: alert.scope_path, details: { taskId } });
    await emitAlert(uow, 'alert.confirmed', id);
  });
}

export async function dismissAlert(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  id: string,
  input: { version: number; reason: string },
): Promise<void> {
  await runInTransaction(ctx, caller, async (uow) => {
    const alert = await lockNewAlert(uow, caller.actor, id, input.version, 'dismiss');
    const now = ctx.now();
    await uow
      .trx('alerts')
      .where({ id })
      .update({
        status: 'dismissed',
        dismiss_reason: input.reason,
        triaged_by: caller.actor.id,
        triaged_at: now,
        version: alert.version + 1,
        updated_at: now,
      });
    uow.audit({
      action: 'alert.dismiss',
      targetType: 'alert',
      targetId: id,
      scopePath: alert.scope_path,
      details: { reason: input.reason },
    });
    await emitAlert(uow, 'alert.dismissed', id);
  });
}
