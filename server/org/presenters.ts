// Shapes database rows into API objects. Only the fields a schema names leave the server.
import { codesOfPath } from '../policy/actor';
import { daysBetween, shanghaiDate } from '../time';
import type { CanteenRow, JurisdictionRow, SchoolListRow } from './queries';
import type { JurisdictionNodeShape } from './schemas';

/** A licence is 'expiring' within this many days of its expiry date. */
export const LICENCE_WARNING_DAYS = 30;

export function licenceStatus(expiry: string, now: Date): 'valid' | 'expiring' | 'expired' {
  const left = daysBetween(shanghaiDate(now), expiry);
  if (left < 0) return 'expired';
  return left <= LICENCE_WARNING_DAYS ? 'expiring' : 'valid';
}

export const presentSchoolSummary = (row: SchoolListRow) => ({
  id: row.id,
  code: row.code,
  // A path is the codes of the nodes on it, so a school's own node is the last one of its scope path.
  nodeCode: codesOfPath(row.scope_path).at(-1)!,
  name: row.name,
  type: row.type,
  address: row.address,
  county: { code: row.county_code, name: row.county_name },
  lng: row.lng,
  lat: row.lat,
  students: row.students,
  canteenCount: Number(row.canteen_count),
  cameraCount: Number(row.camera_count),
});

export const presentCanteen = (row: CanteenRow, now: Date) => ({
  id: row.id,
  name: row.name,
  operationMode: row.operation_mode,
  contractor: row.contractor,
  diners: row.diners,
  licenceNo: row.licence_no,
  licenceExpiry: row.licence_expiry,
  licenceStatus: licenceStatus(row.licence_expiry, now),
  lng: row.lng,
  lat: row.lat,
});

type CountedNode = JurisdictionRow & { schoolCount: number; canteenCount: number; cameraCount: number };

/** Nests a flat, path-ordered list of nodes under the first one. */
export function nestNodes(nodes: CountedNode[]): JurisdictionNodeShape | undefined {
  const byId = new Map<string, JurisdictionNodeShape>();
  let root: JurisdictionNodeShape | undefined;
  for (const node of nodes) {
    const shaped: JurisdictionNodeShape = {
      id: node.id,
      code: node.code,
      name: node.name,
      level: node.level,
      centerLng: node.center_lng,
      centerLat: node.center_lat,
      schoolCount: node.schoolCount,
      canteenCount: node.canteenCount,
      cameraCount: node.cameraCount,
      children: [],
    };
    byId.set(node.id, shaped);
    const parent = node.parent_id ? byId.get(node.parent_id) : undefined;
    if (parent) parent.children.push(shaped);
    else root ??= shaped;
  }
  return root;
}
