import { ALERT_CATEGORIES } from '../alerts/categories';
import type { TaskListRow, taskEvidence } from './queries';
import type { TaskEventRow } from './rows';
import { WORKING_STATES } from './state-machine';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export const isOverdue = (row: TaskListRow, now: Date) =>
  row.overdue_at !== null || (WORKING_STATES.includes(row.state) && row.deadline.getTime() < now.getTime());

export const presentTaskSummary = (row: TaskListRow, now: Date) => ({
  id: row.id,
  code: row.code,
  title: row.title,
  source: row.source,
  category: row.category,
  state: row.state,
  issuer: { code: row.issuer_code, name: row.issuer_name },
  assignee: { code: row.assignee_code, name: row.assignee_name, level: row.assignee_level },
  school: row.school_id && row.school_name ? { id: row.school_id, name: row.school_name } : null,
  canteen: row.canteen_id && row.canteen_name ? { id: row.canteen_id, name: row.canteen_name } : null,
  camera: row.camera_id && row.camera_name ? { id: row.camera_id, name: row.camera_name } : null,
  deadline: row.deadline.toISOString(),
  overdue: isOverdue(row, now),
  overdueAt: iso(row.overdue_at),
  parentId: row.parent_id,
  batchId: row.batch_id,
  alertId: row.alert_id,
  openChildren: Number(row.open_children),
  childCount: Number(row.child_count),
  returnCount: row.return_count,
  remindCount: row.remind_count,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const presentTimelineEntry = (row: TaskEventRow) => ({
  id: Number(row.id),
  at: row.at.toISOString(),
  action: row.action,
  from: row.from_state,
  to: row.to_state,
  actor: { kind: row.actor_kind, name: row.actor_name, node: row.actor_node_code },
  note: row.note,
  attachmentIds: row.attachment_ids,
  details: row.details,
});

export const presentEvidence = (alert: Awaited<ReturnType<typeof taskEvidence>>) =>
  alert
    ? {
        alertId: alert.id,
        category: alert.category,
        categoryName: ALERT_CATEGORIES[alert.category].zh,
        count: alert.count,
        firstSeenAt: alert.first_seen_at.toISOString(),
        lastSeenAt: alert.last_seen_at.toISOString(),
        snapshotId: alert.snapshot_id,
      }
    : null;
