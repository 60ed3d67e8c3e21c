// The one writer of an alert's status: every decision on an alert — a user's triage, auto-dispatch, a task or
// a complaint taking it over, a camera recovering — goes through the state machine here, records who decided
// (a user, or the system by name) and why, and announces the change with the event its action names.
import type { DomainContext } from '../../context';
import type { UnitOfWork } from '../../db/unit-of-work';
import { alertEventPayload } from '../presenters';
import { getAlert, type AlertListRow, type AlertRow } from '../queries';
import { alertEventOf, nextAlertStatus, type AlertAction } from '../state-machine';

export interface AlertDecision {
  /** Why: a dismissal's reason, or what ended the case (how long the camera was down). */
  reason?: string | null;
  /** The task that takes the case over (action 'link'). */
  taskId?: string;
  /** Facts to keep with the alert, merged into its details (e.g. the outage's length in seconds). */
  details?: Record<string, unknown>;
}

export async function transitionAlert(
  uow: UnitOfWork,
  ctx: DomainContext,
  alert: AlertRow,
  action: AlertAction,
  decision: AlertDecision = {},
): Promise<AlertListRow> {
  const status = nextAlertStatus(alert.status, action);
  const now = ctx.now();
  const actor = uow.caller.actor;
  const decider =
    actor.kind === 'user'
      ? { triaged_by: actor.id, triaged_by_system: null }
      : { triaged_by: null, triaged_by_system: actor.kind === 'public' ? 'public' : actor.name };
  const triage = alert.status === 'new' && (status === 'confirmed' || status === 'dismissed') ? { ...decider, triaged_at: now } : {};
  // A case that ended by itself names what ended it, unless someone had decided on it before.
  const undecided = alert.triaged_by === null && alert.triaged_by_system === null;
  const resolver = action === 'resolve' && undecided ? decider : {};
  const changes: Partial<AlertRow> = {
    status,
    ...triage,
    ...resolver,
    ...(action === 'dismiss' ? { dismiss_reason: decision.reason ?? null } : {}),
    ...(action === 'link' ? { task_id: decision.taskId! } : {}),
    ...(action === 'resolve' ? { resolved_at: now, resolution: decision.reason ?? null } : {}),
    ...(action === 'reopen' ? { resolved_at: null, resolution: null } : {}),
    ...(decision.details ? { details: { ...(alert.details ?? {}), ...decision.details } } : {}),
    version: alert.version + 1,
  };
  await uow
    .trx('alerts')
    .where({ id: alert.id })
    .update({ ...changes, ...(changes.details ? { details: JSON.stringify(changes.details) } : {}), updated_at: now });
  uow.audit({
    action: `alert.${action}`,
    targetType: 'alert',
    targetId: alert.id,
    scopePath: alert.scope_path,
    details: { from: alert.status, to: status, reason: decision.reason ?? null, taskId: decision.taskId ?? null },
  });
  const row = (await getAlert(uow.trx, alert.id))!;
  uow.emit({
    type: alertEventOf(action, alert.status),
    subject: { type: 'alert', id: alert.id },
    scopePaths: [alert.scope_path],
    payload: alertEventPayload(row),
  });
  return row;
}

/** An alert locked for a decision: a foreign or missing one is not found. */
export async function lockAlert(uow: UnitOfWork, id: string, scopePath: string): Promise<AlertRow | undefined> {
  const alert = (await uow.trx('alerts').where({ id }).forUpdate().first('*')) as AlertRow | undefined;
  return alert && alert.scope_path.startsWith(scopePath) ? alert : undefined;
}
