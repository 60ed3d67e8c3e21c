// Whether an alert's case is still open, and when it closed. A repeat of the same category on the same camera
// joins the open case — the alert, or the task it became — however long it stays open; after the case closed,
// repeats within the quiet gap (alerts.quietGapMinutes) are still counted on it, and only a repeat after the
// gap starts a new alert. So a camera detecting the same thing all day is one alert and one task, not a flood.
import type { Knex } from 'knex';
import { OPEN_STATES, type TaskState } from '../tasks/state-machine';
import type { AlertRow } from './queries';

export interface AlertCase {
  alert: AlertRow;
  taskState: TaskState | null;
  taskEndedAt: Date | null;
}

/** When the case closed, or null while it is open. */
export function caseClosedAt({ alert, taskState, taskEndedAt }: AlertCase): Date | null {
  switch (alert.status) {
    case 'new':
      return null;
    case 'dismissed':
      return alert.triaged_at ?? alert.last_seen_at;
    case 'resolved':
      return alert.resolved_at ?? alert.last_seen_at;
    case 'confirmed':
      // Confirmed and handed to a task: open while the task is. Confirmed without one: the operator handled it.
      if (alert.task_id && taskState && OPEN_STATES.includes(taskState)) return null;
      if (alert.task_id) return taskEndedAt ?? alert.last_seen_at;
      return alert.triaged_at ?? alert.last_seen_at;
  }
}

/** Whether a detection at `at` joins the case (open, or closed less than `gapMs` before) or starts a new one. */
export function joinsCase(existing: AlertCase, at: Date, gapMs: number): boolean {
  const closedAt = caseClosedAt(existing);
  return closedAt === null || at.getTime() < closedAt.getTime() + gapMs;
}

/** The latest case of each fold key, with the state of the task it became. */
export async function latestCases(trx: Knex, foldKeys: readonly string[]): Promise<Map<string, AlertCase>> {
  if (foldKeys.length === 0) return new Map();
  const { rows } = (await trx.raw(
    `SELECT DISTINCT ON (a.fold_key) a.*, t.state AS task_state, COALESCE(t.closed_at, t.cancelled_at) AS task_ended_at
       FROM alerts a LEFT JOIN tasks t ON t.id = a.task_id
      WHERE a.fold_key = ANY(?::text[])
      ORDER BY a.fold_key, a.last_seen_at DESC, a.id DESC`,
    [[...foldKeys]],
  )) as { rows: Array<AlertRow & { task_state: TaskState | null; task_ended_at: Date | null }> };
  return new Map(
    rows.map(({ task_state, task_ended_at, ...alert }) => [alert.fold_key, { alert, taskState: task_state, taskEndedAt: task_ended_at }]),
  );
}
