// The naming rule (setting gb.bindingRule = 'school-area'): a channel named `<school name>-<area>` — e.g.
// 承德市第一中学-烹饪区 — belongs to that school's canteen, in that area. The area is recognised by the stem of
// the area words the UI shows (库房, 切配间, 烹饪间, 洗消间, 备餐间), so 烹饪区 and 烹饪间 both name cooking.
import type { CAMERA_AREAS } from '../cameras/schemas';

type Area = (typeof CAMERA_AREAS)[number];

const AREA_STEMS: ReadonlyArray<readonly [stem: string, area: Area]> = [
  ['库房', 'storage'],
  ['切配', 'prep'],
  ['烹饪', 'cooking'],
  ['洗消', 'washing'],
  ['备餐', 'serving'],
];

/** Dashes people type between the school and the area (ASCII, full-width, em dash) and underscores. */
const SEPARATOR = /[-－—_]/;

/** The school name and area a channel's name states, or null when it does not follow the rule. */
export function parseChannelName(name: string): { schoolName: string; area: Area } | null {
  const parts = name.trim().split(SEPARATOR);
  if (parts.length < 2) return null;
  const areaWord = parts.at(-1)!.trim();
  const schoolName = parts.slice(0, -1).join('-').trim();
  const area = AREA_STEMS.find(([stem]) => areaWord.startsWith(stem))?.[1];
  return schoolName && area ? { schoolName, area } : null;
}
