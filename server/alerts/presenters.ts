import { ALERT_CATEGORIES } from './categories';
import type { AlertListRow } from './queries';

export const presentAlert = (row: AlertListRow) => ({
  id: row.id,
  source: row.source,
  category: row.category,
  categoryName: ALERT_CATEGORIES[row.category].zh,
  severity: row.severity,
  status: row.status,
  school: { id: row.school_id, name: row.school_name },
  county: { code: row.county_code, name: row.county_name },
  canteen: row.canteen_id && row.canteen_name ? { id: row.canteen_id, name: row.canteen_name } : null,
  camera: row.camera_id && row.camera_name ? { id: row.camera_id, name: row.camera_name } : null,
  confidence: row.confidence,
  count: row.count,
  firstSeenAt: row.first_seen_at.toISOString(),
  lastSeenAt: row.last_seen_at.toISOString(),
  snapshotId: row.snapshot_id,
  boxes: row.boxes,
  summary: row.summary,
  details: row.details,
  dismissReason: row.dismiss_reason,
  taskId: row.task_id,
  decidedBy: row.triaged_by_name
    ? { kind: 'user' as const, name: row.triaged_by_name }
    : row.triaged_by_system
      ? { kind: 'system' as const, name: row.triaged_by_system }
      : null,
  decidedAt: row.triaged_at ? row.triaged_at.toISOString() : null,
  resolvedAt: row.resolved_at ? row.resolved_at.toISOString() : null,
  resolution: row.resolution,
  version: row.version,
});

/** What a socket receives about an alert: enough for the live feed without a fetch. */
export const alertEventPayload = (row: AlertListRow) => presentAlert(row);
