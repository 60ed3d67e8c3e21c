// Triage of a new alert: confirm it (and, if asked, dispatch a task with its evidence) or dismiss it as a
// false positive with a reason — one at a time with the version the operator saw, or many at once from the
// desk with one reason. Dismissed alerts are kept: they are the training feedback for the models.
import type { DomainContext } from '../../context';
import { runInTransaction, type UnitOfWork } from '../../db/unit-of-work';
import { conflict, DomainError, notFound } from '../../errors';
import type { Caller, UserActor } from '../../policy/actor';
import { createCaseTask } from '../../tasks/case-task';
import { resolveDeadline } from '../../tasks/commands/resolve';
import { alertEventPayload } from '../presenters';
import { getAlert, type AlertRow } from '../queries';
import { lockAlert, transitionAlert } from './transitionAlert';

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

async function lockForTriage(uow: UnitOfWork, actor: UserActor, id: string, version: number | null): Promise<AlertRow> {
  const alert = await lockAlert(uow, id, actor.node.path);
  if (!alert) throw notFound('alert');
  // While an alert is new, the only changes to it are detections joined to it (count, last seen, newest
  // snapshot): they do not change what the operator decided on, and a live camera adds to it every few
  // seconds, so an older version still triages it. Someone else's triage is caught by the state machine.
  if (version !== null && alert.status === 'new' && version > alert.version)
    throw conflict('stale_version', 'The alert was changed by someone else; reload and try again', { version: alert.version });
  return alert;
}

async function confirmWithin(uow: UnitOfWork, ctx: DomainContext, actor: UserActor, alert: AlertRow, input: ConfirmInput) {
  if (!input.dispatch) return transitionAlert(uow, ctx, alert, 'confirm');
  if (alert.status !== 'new') return transitionAlert(uow, ctx, alert, 'confirm'); // the state machine refuses it
  await createCaseTask(uow, ctx, {
    alert,
    issuer: { nodeId: actor.node.id, path: actor.node.path, userId: actor.id },
    to: input.dispatch.to,
    title: input.dispatch.title,
    instruction: input.dispatch.note,
    deadline: await resolveDeadline(uow.trx, actor.node.path, ctx.now(), input.dispatch),
  });
  return (await getAlert(uow.trx, alert.id))!;
}

export async function confirmAlert(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  id: string,
  input: ConfirmInput,
): Promise<void> {
  await runInTransaction(ctx, caller, async (uow) => {
    const alert = await lockForTriage(uow, caller.actor, id, input.version);
    await confirmWithin(uow, ctx, caller.actor, alert, input);
  });
}

export async function dismissAlert(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  id: string,
  input: { version: number; reason: string },
): Promise<void> {
  await runInTransaction(ctx, caller, async (uow) => {
    const alert = await lockForTriage(uow, caller.actor, id, input.version);
    await transitionAlert(uow, ctx, alert, 'dismiss', { reason: input.reason });
  });
}

export type TriageOutcome =
  | { id: string; ok: true; alert: ReturnType<typeof alertEventPayload> }
  | { id: string; ok: false; error: { code: string; message: string } };

/**
 * The desk's batch: each alert confirmed or dismissed on its own (one failing — foreign, gone, or already
 * decided by someone else — fails alone), in the order given, each in its own transaction.
 */
export async function triageAlerts(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  input: { ids: readonly string[]; action: 'confirm' | 'dismiss'; reason?: string | undefined },
): Promise<TriageOutcome[]> {
  const outcomes: TriageOutcome[] = [];
  for (const id of new Set(input.ids)) {
    try {
      const row = await runInTransaction(ctx, caller, async (uow) => {
        const alert = await lockForTriage(uow, caller.actor, id, null);
        return input.action === 'confirm'
          ? confirmWithin(uow, ctx, caller.actor, alert, { version: alert.version })
          : transitionAlert(uow, ctx, alert, 'dismiss', { reason: input.reason ?? null });
      });
      outcomes.push({ id, ok: true, alert: alertEventPayload(row) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({ id, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return outcomes;
}
