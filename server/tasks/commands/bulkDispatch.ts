// Bulk dispatch: one notice to many schools — a county's, a type's, a hand-picked list, or every school with
// an open alert of a category — as one batch in one transaction: all of it or none of it. The idempotency
// key makes a retry return the batch made the first time.
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../../context';
import { onceMoreOnUniqueViolation } from '../../db/errors';
import { whereWithin } from '../../db/scope';
import { runInTransaction } from '../../db/unit-of-work';
import { invalidInput, notFound } from '../../errors';
import type { Caller, UserActor } from '../../policy/actor';
import { pausePoint } from '../../testing/pause-points';
import { createTasks } from '../create-tasks';
import { resolveDeadline } from './resolve';

export type BulkTarget =
  | { kind: 'county'; code: string }
  | { kind: 'schoolType'; type: 'kindergarten' | 'primary' | 'middle' | 'boarding'; county?: string | undefined }
  | { kind: 'schools'; codes: string[] }
  | { kind: 'openAlerts'; category: string; county?: string | undefined };

export interface BulkInput {
  title: string;
  description: string;
  target: BulkTarget;
  deadline?: string | undefined;
  deadlineHours?: number | undefined;
  attachmentIds: string[];
  idempotencyKey: string;
}

interface TargetSchool {
  school_id: string;
  node_id: string;
  path: string;
  code: string;
}

async function countyPath(db: Knex, actor: UserActor, code: string | undefined): Promise<string> {
  if (!code) return actor.node.path;
  const county = (await db('jurisdictions').where({ code, level: 'county' }).first('path')) as { path: string } | undefined;
  if (!county || !county.path.startsWith(actor.node.path)) throw notFound('county');
  return county.path;
}

async function targetSchools(db: Knex, actor: UserActor, target: BulkTarget): Promise<TargetSchool[]> {
  const base = () =>
    db('schools as s')
      .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
      .select('s.id as school_id', 'j.id as node_id', 'j.path', 'j.code');
  switch (target.kind) {
    case 'county':
      return (await whereWithin(base(), 'j.path', await countyPath(db, actor, target.code)).orderBy('j.code')) as TargetSchool[];
    case 'schoolType':
      return (await whereWithin(base(), 'j.path', await countyPath(db, actor, target.county))
        .where('s.type', target.type)
        .orderBy('j.code')) as TargetSchool[];
    case 'schools': {
      const codes = [...new Set(target.codes)];
      const rows = (await whereWithin(base(), 'j.path', actor.node.path).whereIn('j.code', codes).orderBy('j.code')) as TargetSchool[];
      if (rows.length !== codes.length) {
        // Unknown and foreign codes are reported alike: nothing tells which schools exist elsewhere.
        throw invalidInput('Some schools are unknown or outside your jurisdiction', {
          unknown: codes.filter((code) => !rows.some((row) => row.code === code)),
        });
      }
      return rows;
    }
    case 'openAlerts':
      return (await whereWithin(base(), 'j.path', await countyPath(db, actor, target.county))
        .whereExists(
          (q) =>
            void q
              .select(db.raw('1'))
              .from('alerts as al')
              .leftJoin('tasks as tk', 'tk.id', 'al.task_id')
              .whereRaw('al.school_id = s.id')
              .where('al.category', target.category)
              .where(
                (open) =>
                  void open
                    .where('al.status', 'new')
                    .orWhere(
                      (handled) =>
                        void handled
                          .where('al.status', 'confirmed')
                          .where((t) => void t.whereNull('tk.id').orWhereNotIn('tk.state', ['closed', 'cancelled'])),
                    ),
              ),
        )
        .orderBy('j.code')) as TargetSchool[];
  }
}

export async function bulkDispatch(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  input: BulkInput,
): Promise<{ batchId: string; count: number; replayed: boolean }> {
  const actor = caller.actor;
  return onceMoreOnUniqueViolation(
    () =>
      runInTransaction(ctx, caller, async (uow) => {
        const existing = (await uow
          .trx('task_batches')
          .where({ idempotency_key: input.idempotencyKey })
          .first('id', 'count', 'issuer_node_id')) as { id: string; count: number; issuer_node_id: string } | undefined;
        if (existing) {
          if (existing.issuer_node_id !== actor.node.id) throw notFound('batch');
          return { batchId: existing.id, count: existing.count, replayed: true };
        }
        const schools = (await targetSchools(uow.trx, actor, input.target)).filter((school) => school.path !== actor.node.path);
        if (schools.length === 0) throw invalidInput('No school matches this target');
        const batchId = uuidv7();
        await uow.trx('task_batches').insert({
          id: batchId,
          issuer_node_id: actor.node.id,
          issuer_user_id: actor.id,
          title: input.title,
          target: JSON.stringify(input.target),
          count: schools.length,
          idempotency_key: input.idempotencyKey,
        });
        const deadline = await resolveDeadline(uow.trx, actor.node.path, ctx.now(), input);
        const category = input.target.kind === 'openAlerts' ? input.target.category : null;
        await createTasks(
          uow,
          ctx,
          schools.map((school) => ({
            title: input.title,
            description: input.description,
            source: 'manual' as const,
            category,
            issuer: { nodeId: actor.node.id, path: actor.node.path, userId: actor.id },
            assignee: { nodeId: school.node_id, path: school.path, level: 'school' as const, schoolId: school.school_id },
            batchId,
            deadline,
            attachmentIds: input.attachmentIds,
          })),
        );
        await pausePoint('bulk-dispatch');
        uow.audit({
          action: 'task.bulk_dispatch',
          targetType: 'task_batch',
          targetId: batchId,
          scopePath: actor.node.path,
          details: { count: schools.length, target: input.target },
        });
        return { batchId, count: schools.length, replayed: false };
      }),
    'task_batches_idempotency_key_unique',
  );
}
