// The assessment of a scope for a period: a province's cities ranked, a city's counties (or the schools of
// one county), each with its indicators, weighted score, rank and change from the previous period, from the
// counts in the tables.
import type { Knex } from 'knex';
import {
  assessUnits,
  parsePeriod,
  sumCounts,
  type AssessmentCounts,
  type AssessmentPeriod,
  type AssessmentUnit,
  type AssessmentWeights,
  type UnitAssessment,
} from '../../analytics/assessment';
import { effectiveSetting } from '../settings/queries';
import { nodesWithin, schoolCounts, schoolsWithin } from './counts';

export type AssessmentLevel = 'city' | 'county' | 'school';

export interface ScopeAssessment {
  period: AssessmentPeriod;
  previousPeriod: AssessmentPeriod;
  level: AssessmentLevel;
  weights: AssessmentWeights;
  /** The hours within which an alert counted as handled in time (setting assessment.alertHandlingHours at the path). */
  alertHandlingHours: number;
  units: Array<UnitAssessment & { name: string; counts: AssessmentCounts }>;
}

/** The units a node's bulletin ranks: the level below it. */
export const UNITS_BELOW = { province: 'city', city: 'county', county: 'school' } as const satisfies Record<string, AssessmentLevel>;

/** Units of the level under the path: cities or counties (their schools' sums) or schools, by code. */
async function unitsFor(
  db: Knex,
  scopePath: string,
  level: AssessmentLevel,
  period: AssessmentPeriod,
  options: { alertHours: number; now: Date },
): Promise<AssessmentUnit[]> {
  const [schools, counts] = await Promise.all([schoolsWithin(db, scopePath), schoolCounts(db, scopePath, period, options)]);
  if (level === 'school') return schools.map((school) => ({ id: school.code, name: school.name, counts: counts.get(school.id) ?? {} }));
  const codeOf = (school: (typeof schools)[number]) => (level === 'city' ? school.cityCode : school.countyCode);
  return (await nodesWithin(db, scopePath, level)).map((node) => ({
    id: node.code,
    name: node.name,
    counts: sumCounts(schools.filter((school) => codeOf(school) === node.code).map((school) => counts.get(school.id) ?? {})),
  }));
}

/**
 * Cities under `scopePath` (a province's) with `level: 'city'`, counties (a city's, or a county user's own
 * one) with `level: 'county'`, or with `level: 'school'` the schools under it (the path of one county). Weights and the alert-handling hours are the settings in force at the
 * path; `now` (default: the system clock) ends the period under way for the camera time.
 */
export async function assessScope(
  db: Knex,
  input: { scopePath: string; periodId: string; level: AssessmentLevel; now?: Date | undefined },
): Promise<ScopeAssessment> {
  const period = parsePeriod(input.periodId);
  const previousPeriod = parsePeriod(period.previousId);
  const [weights, alertHours] = await Promise.all([
    effectiveSetting(db, input.scopePath, 'assessment.weights'),
    effectiveSetting(db, input.scopePath, 'assessment.alertHandlingHours'),
  ]);
  const options = { alertHours, now: input.now ?? new Date() };
  const [units, previous] = await Promise.all([
    unitsFor(db, input.scopePath, input.level, period, options),
    unitsFor(db, input.scopePath, input.level, previousPeriod, options),
  ]);
  const countsOf = new Map(units.map((unit) => [unit.id, unit]));
  const assessed = assessUnits(units, { weights, previous });
  return {
    period,
    previousPeriod,
    level: input.level,
    weights,
    alertHandlingHours: alertHours,
    units: assessed.map((unit) => ({ ...unit, name: countsOf.get(unit.id)!.name!, counts: countsOf.get(unit.id)!.counts })),
  };
}
