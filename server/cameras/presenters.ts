import type { CameraListRow } from './queries';

export const presentCamera = (row: CameraListRow) => ({
  id: row.id,
  name: row.name,
  area: row.area,
  codec: row.codec,
  isPublic: row.is_public,
  status: row.status,
  statusChangedAt: row.status_changed_at ? row.status_changed_at.toISOString() : null,
  connected: row.ingest,
  canteen: { id: row.canteen_id, name: row.canteen_name },
  school: { id: row.school_id, name: row.school_name },
  version: row.version,
});
