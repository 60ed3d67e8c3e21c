// From score to grade, and from grade to how often a canteen must be looked at.
import type { RiskGrade } from './types';
import { GRADE_BOUNDS } from './weights';

/** A ≤ 30 < B ≤ 45 < C ≤ 60 < D, on the score rounded to two decimals. */
export function riskGradeOf(score: number): RiskGrade {
  const rounded = round2(score);
  for (const [grade, upTo] of GRADE_BOUNDS) if (rounded <= upTo) return grade;
  return 'D';
}

/**
 * On-site inspections a year per grade in the 2016 rules (at least / at most): A once, B once or twice,
 * C two or three times, D three or four times.
 */
export const ON_SITE_INSPECTIONS_PER_YEAR: Readonly<Record<RiskGrade, readonly [number, number]>> = {
  A: [1, 1],
  B: [1, 2],
  C: [2, 3],
  D: [3, 4],
};

/**
 * A network patrol (网络巡查 over the kitchen cameras) costs a few minutes, not a trip: we look at a canteen
 * this many times as often as the rules' upper on-site frequency for its grade.
 */
export const NETWORK_PATROLS_PER_ON_SITE_INSPECTION = 4;

/**
 * Days between two network patrols of a canteen, per grade: 365 / (upper on-site frequency × 4), rounded —
 * A 91 (quarterly), B 46, C 30 (monthly), D 23 (about three weeks). A canteen past its interval is due.
 * At Hebei's scale (17,183 canteens, at least 200 patrols a day, about 4.2 looks a canteen a year) this keeps
 * the A majority on the quarter while C and D come round monthly or faster.
 */
export const PATROL_INTERVAL_DAYS: Readonly<Record<RiskGrade, number>> = {
  A: intervalOf('A'),
  B: intervalOf('B'),
  C: intervalOf('C'),
  D: intervalOf('D'),
};

function intervalOf(grade: RiskGrade): number {
  return Math.round(365 / (ON_SITE_INSPECTIONS_PER_YEAR[grade][1] * NETWORK_PATROLS_PER_ON_SITE_INSPECTION));
}

export function patrolIntervalDays(grade: RiskGrade): number {
  return PATROL_INTERVAL_DAYS[grade];
}

export const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;
