import type { Knex } from 'knex';
import { paginate } from '../db/paginate';
import { likeContaining, whereWithin } from '../db/scope';
import type { Page } from '../http/paging';
import type { CAMERA_AREAS, CAMERA_CODECS, CAMERA_STATUSES } from './schemas';

export interface CameraListRow {
  id: string;
  name: string;
  area: (typeof CAMERA_AREAS)[number];
  codec: (typeof CAMERA_CODECS)[number];
  is_public: boolean;
  status: (typeof CAMERA_STATUSES)[number];
  status_changed_at: Date | null;
  ingest: boolean;
  canteen_id: string;
  canteen_name: string;
  school_id: string;
  school_name: string;
  scope_path: string;
  version: number;
}

export interface CameraFilter {
  scopePath: string;
  ids?: string[] | undefined;
  school?: string | undefined;
  canteen?: string | undefined;
  status?: CameraListRow['status'] | undefined;
  area?: CameraListRow['area'] | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Columns a viewer may see. The stream URLs are deliberately not selected. */
const VIEWER_COLUMNS = [
  'm.id',
  'm.name',
  'm.area',
  'm.codec',
  'm.is_public',
  'm.status',
  'm.status_changed_at',
  'm.ingest',
  'm.canteen_id',
  'c.name as canteen_name',
  'm.school_id',
  's.name as school_name',
  'm.scope_path',
  'm.version',
];

export async function listCameras(db: Knex, filter: CameraFilter): Promise<Page<CameraListRow>> {
  const base = whereWithin(db('cameras as m'), 'm.scope_path', filter.scopePath);
  if (filter.ids) void base.whereIn('m.id', filter.ids);
  if (filter.school) void base.where('m.school_id', filter.school);
  if (filter.canteen) void base.where('m.canteen_id', filter.canteen);
  if (filter.status) void base.where('m.status', filter.status);
  if (filter.area) void base.where('m.area', filter.area);
  if (filter.q) {
    const like = likeContaining(filter.q);
    void base.where((named) => {
      void named
        .where('m.name', 'like', like)
        .orWhereExists(
          (canteen) => void canteen.select(1).from('canteens as qc').whereRaw('qc.id = m.canteen_id').where('qc.name', 'like', like),
        )
        .orWhereExists(
          (school) => void school.select(1).from('schools as qs').whereRaw('qs.id = m.school_id').where('qs.name', 'like', like),
        );
    });
  }
  return paginate<CameraListRow>(base, filter, (page) =>
    page
      .join('canteens as c', 'c.id', 'm.canteen_id')
      .join('schools as s', 's.id', 'm.school_id')
      .orderBy(['s.code', 'c.name', 'm.name', 'm.id'])
      .select(VIEWER_COLUMNS),
  );
}

export async function findCameraNode(db: Knex, cameraId: string): Promise<{ path: string } | undefined> {
  const row = (await db('cameras').where({ id: cameraId }).first('scope_path')) as { scope_path: string } | undefined;
  return row ? { path: row.scope_path } : undefined;
}

export async function findCanteenNode(db: Knex, canteenId: string): Promise<{ path: string } | undefined> {
  const row = (await db('canteens').where({ id: canteenId }).first('scope_path')) as { scope_path: string } | undefined;
  return row ? { path: row.scope_path } : undefined;
}
