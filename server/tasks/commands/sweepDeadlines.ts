// Run by the scheduler: reminds assignees of tasks coming due and marks overdue tasks, escalating to the
// issuer. Each task is claimed by a conditional UPDATE (…IS NULL) in the same transaction as its timeline row
// and event, so a sweep that runs twice — after a restart, or on two processes at once — fires nothing twice.
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { systemActor } from '../../policy/actor';
import { pausePoint } from '../../testing/pause-points';
import type { TaskRow } from '../rows';
import { WORKING_STATES } from '../state-machine';
import { recordTaskAction } from '../timeline';

const BATCH = 200;
const WORKING = `('${WORKING_STATES.join("','")}')`;

export interface SweepResult {
  reminded: number;
  overdue: number;
}

export async function sweepDeadlines(ctx: DomainContext): Promise<SweepResult> {
  const result: SweepResult = { reminded: 0, overdue: 0 };
  for (;;) {
    const round = await runInTransaction(ctx, { actor: systemActor('scheduler') }, async (uow) => {
      const now = ctx.now();
      const due = (
        (await uow.trx.raw(
          `UPDATE tasks SET reminder_sent_at = ?
          WHERE id IN (SELECT id FROM tasks
                        WHERE state IN ${WORKING} AND reminder_sent_at IS NULL AND overdue_at IS NULL
                          AND remind_at <= ? AND deadline > ?
                        ORDER BY remind_at LIMIT ? FOR UPDATE SKIP LOCKED)
          RETURNING *`,
          [now, now, now, BATCH],
        )) as { rows: TaskRow[] }
      ).rows;
      for (const task of due) {
        const hoursLeft = Math.max(0, Math.round((task.deadline.getTime() - now.getTime()) / 3_600_000));
        await recordTaskAction(
          uow,
          task,
          { action: 'due_soon', from: task.state, to: task.state, note: `距截止还有约${hoursLeft}小时`, details: { hoursLeft } },
          now,
          'task.due_soon',
          { hoursLeft },
        );
      }
      const overdue = (
        (await uow.trx.raw(
          `UPDATE tasks SET overdue_at = ?
          WHERE id IN (SELECT id FROM tasks
                        WHERE state IN ${WORKING} AND overdue_at IS NULL AND deadline <= ?
                        ORDER BY deadline LIMIT ? FOR UPDATE SKIP LOCKED)
          RETURNING *`,
          [now, now, BATCH],
        )) as { rows: TaskRow[] }
      ).rows;
      for (const task of overdue) {
        const issuer = (await uow.trx('jurisdictions').where({ id: task.issuer_node_id }).first('code', 'name', 'path')) as {
          code: string;
          name: string;
          path: string;
        };
        await recordTaskAction(
          uow,
          task,
          {
            action: 'overdue',
            from: task.state,
            to: task.state,
            note: `已逾期，上报${issuer.name}`,
            details: { escalatedTo: issuer.code },
          },
          now,
          'task.overdue',
          { escalatedTo: issuer.code, issuerName: issuer.name },
        );
      }
      if (overdue.length > 0) await pausePoint('deadline-escalation');
      return { reminded: due.length, overdue: overdue.length };
    });
    result.reminded += round.reminded;
    result.overdue += round.overdue;
    if (round.reminded < BATCH && round.overdue < BATCH) return result;
  }
}
