// A patrol record: an operator looked at a canteen over video (or on site) and answered a checklist. Any
// failed item fails the record; a failed key item (关键项) becomes a rectification task for the school, a
// failed general item becomes an alert. The canteen's item in the day's plan is marked done.
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../../context';
import { raiseAlertWithin } from '../../alerts/commands/raiseAlerts';
import { bindAttachments } from '../../attachments/queries';
import { onceMoreOnUniqueViolation } from '../../db/errors';
import { earlierWithKey } from '../../db/idempotency';
import { runInTransaction } from '../../db/unit-of-work';
import { invalidInput, notFound } from '../../errors';
import type { Caller, UserActor } from '../../policy/actor';
import { createTasks } from '../../tasks/create-tasks';
import { resolveDeadline } from '../../tasks/commands/resolve';
import { assertHappened, shanghaiDate } from '../../time';
import { itemsOf } from '../checklists/content';
import { getChecklist } from '../queries';

export interface PatrolAnswer {
  item: string;
  result: 'pass' | 'fail' | 'na';
  note?: string | undefined;
  snapshotIds?: string[] | undefined;
}

export interface PatrolInput {
  canteenId: string;
  checklistId: string;
  answers: PatrolAnswer[];
  note?: string | undefined;
  startedAt?: string | undefined;
  idempotencyKey?: string | undefined;
}

export async function submitPatrolRecord(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  input: PatrolInput,
): Promise<{ id: string; replayed: boolean }> {
  const actor = caller.actor;
  assertHappened(input.startedAt, ctx.now(), 'startedAt');
  return onceMoreOnUniqueViolation(
    () =>
      runInTransaction(ctx, caller, async (uow) => {
        const earlier = await earlierWithKey(uow.trx, 'patrol_records', input.idempotencyKey, actor.node.path);
        if (earlier) return { id: earlier, replayed: true };
        const canteen = (await uow
          .trx('canteens as c')
          .join('schools as s', 's.id', 'c.school_id')
          .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
          .where('c.id', input.canteenId)
          .first('c.id', 'c.name', 'c.school_id', 'c.scope_path', 's.name as school_name', 'j.id as school_node')) as
          { id: string; name: string; school_id: string; scope_path: string; school_name: string; school_node: string } | undefined;
        if (!canteen || !canteen.scope_path.startsWith(actor.node.path)) throw notFound('canteen');
        const checklist = await getChecklist(uow.trx, input.checklistId);
        if (!checklist || !checklist.active) throw notFound('checklist');

        const items = itemsOf(checklist.content);
        const answered = new Map(input.answers.map((answer) => [answer.item, answer]));
        const unknown = input.answers.filter((answer) => !items.some((item) => item.code === answer.item)).map((a) => a.item);
        const missing = items.filter((item) => !answered.has(item.code)).map((item) => item.code);
        if (unknown.length || missing.length || answered.size !== input.answers.length) {
          throw invalidInput('Answer every item of the checklist exactly once', { unknown, missing });
        }
        const snapshots = input.answers.flatMap((answer) => answer.snapshotIds ?? []);
        await bindAttachments(uow.trx, snapshots, canteen.scope_path, caller);

        const failed = items.filter((item) => answered.get(item.code)!.result === 'fail');
        const keyFailed = failed.filter((item) => item.key);
        const now = ctx.now();
        const id = uuidv7();
        await uow.trx('patrol_records').insert({
          id,
          canteen_id: canteen.id,
          school_id: canteen.school_id,
          scope_path: canteen.scope_path,
          operator_id: actor.id,
          operator_name: actor.displayName,
          operator_node_id: actor.node.id,
          checklist_id: checklist.id,
          result: failed.length > 0 ? 'failed' : 'passed',
          answers: JSON.stringify(items.map((item) => answered.get(item.code))),
          failed_count: failed.length,
          key_failed_count: keyFailed.length,
          note: input.note ?? null,
          idempotency_key: input.idempotencyKey ?? null,
          started_at: input.startedAt ? new Date(input.startedAt) : null,
          submitted_at: now,
        });

        if (keyFailed.length > 0) {
          const deadline = await resolveDeadline(uow.trx, actor.node.path, now, {});
          await createTasks(
            uow,
            ctx,
            keyFailed.map((item) => {
              const answer = answered.get(item.code)!;
              return {
                title: `巡查整改：${item.text.slice(0, 40)}`,
                description: `${canteen.school_name}${canteen.name}网络巡查发现关键项不符合：${item.text}${answer.note ? `（${answer.note}）` : ''}`,
                source: 'patrol' as const,
                category: 'patrol_violation',
                issuer: { nodeId: actor.node.id, path: actor.node.path, userId: actor.id },
                assignee: { nodeId: canteen.school_node, path: canteen.scope_path, level: 'school' as const, schoolId: canteen.school_id },
                canteenId: canteen.id,
                patrolRecordId: id,
                deadline,
                attachmentIds: answer.snapshotIds ?? [],
              };
            }),
          );
        }
        for (const item of failed.filter((candidate) => !candidate.key)) {
          const answer = answered.get(item.code)!;
          await raiseAlertWithin(uow, ctx, {
            source: 'patrol',
            category: 'patrol_violation',
            canteenId: canteen.id,
            snapshotId: answer.snapshotIds?.[0],
            summary: `${item.text}${answer.note ? `（${answer.note}）` : ''}`,
            details: { patrolRecordId: id, item: item.code },
            idempotencyKey: `patrol:${id}:${item.code}`,
            foldSubject: item.code,
          });
        }

        // Done in today's plan, whichever operator looked.
        await uow
          .trx('patrol_plan_items as i')
          .whereIn('i.plan_id', uow.trx('patrol_plans').where('plan_date', shanghaiDate(now)).select('id'))
          .where('i.canteen_id', canteen.id)
          .where('i.status', 'pending')
          .update({ status: 'done', record_id: id });

        uow.emit({
          type: 'patrol.recorded',
          subject: { type: 'patrol_record', id },
          scopePaths: [canteen.scope_path],
          payload: {
            id,
            canteenId: canteen.id,
            schoolId: canteen.school_id,
            result: failed.length > 0 ? 'failed' : 'passed',
            failedCount: failed.length,
          },
        });
        uow.audit({
          action: 'patrol.record',
          targetType: 'patrol_record',
          targetId: id,
          scopePath: canteen.scope_path,
          details: { failed: failed.length },
        });
        return { id, replayed: false };
      }),
    'patrol_records_idempotency_key_unique',
  );
}
