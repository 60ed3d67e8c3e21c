// The map's colours. Grades match the theme's --grade-* variables; the heat ramp stays in magentas so it is
// never mistaken for a grade; the county outline is a pale cyan no grade uses.
import type { DashboardCanteenPoint } from '../../../api/types';

export type Rgb = [number, number, number];

export const GRADE_RGB: Record<NonNullable<DashboardCanteenPoint['grade']> | 'ungraded', Rgb> = {
  A: [0x2e, 0xcc, 0x71],
  B: [0x3f, 0xa9, 0xff],
  C: [0xf5, 0xb8, 0x3d],
  D: [0xff, 0x5a, 0x5f],
  ungraded: [0x9a, 0xa7, 0xb8],
};

export const gradeRgb = (grade: DashboardCanteenPoint['grade']): Rgb => GRADE_RGB[grade ?? 'ungraded'];

export const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((value) => value.toString(16).padStart(2, '0')).join('')}`;

export const MAP_BACKGROUND = '#050b14';
export const COUNTY_OUTLINE = '#8fe3ff';
export const CITY_OUTLINE = '#d6f3ff';
export const SELECTED_OUTLINE = '#ffffff';
/** County fill by camera online rate: none online … all online. Counties without cameras get the first. */
export const ONLINE_FILL: readonly [string, string, string] = ['#2a1a2e', '#14283f', '#0f3f57'];

export const HEAT_RANGE: Rgb[] = [
  [70, 20, 110],
  [120, 30, 150],
  [170, 40, 175],
  [215, 70, 195],
  [245, 130, 220],
  [255, 215, 245],
];
