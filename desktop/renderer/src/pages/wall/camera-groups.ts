// The camera list's grouping and search: cameras of a county grouped by school (in the server's order, by
// school code), and a name search over camera, canteen and school names.
import type { Camera, JurisdictionNode } from '../../api/types';

export interface SchoolGroup {
  school: Camera['school'];
  cameras: Camera[];
}

export function bySchool(cameras: Camera[]): SchoolGroup[] {
  const groups = new Map<string, SchoolGroup>();
  for (const camera of cameras) {
    let group = groups.get(camera.school.id);
    if (!group) groups.set(camera.school.id, (group = { school: camera.school, cameras: [] }));
    group.cameras.push(camera);
  }
  return [...groups.values()];
}

export function matchesSearch(camera: Camera, text: string): boolean {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return true;
  return [camera.name, camera.canteen.name, camera.school.name].some((name) => name.toLowerCase().includes(wanted));
}

/** The counties in a user's jurisdiction tree (the root itself for a county operator). */
export function countiesOf(root: JurisdictionNode): JurisdictionNode[] {
  if (root.level === 'county') return [root];
  return root.children.flatMap((child) => (child.level === 'county' ? [child] : countiesOf(child)));
}
