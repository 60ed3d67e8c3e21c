// The weights of the assessment score. They are a setting (the city may change them); these are the defaults.
// The headline figures of the supervision — patrols over video (Hebei reports its pass rate) and getting
// problems put right on time (挂账督办, 销号) — weigh most.
//
// | indicator             | default weight |
// | --------------------- | -------------- |
// | platform_usage        | 0.10           |
// | patrol_coverage       | 0.15           |
// | patrol_pass           | 0.15           |
// | rectification         | 0.15           |
// | rectification_on_time | 0.10           |
// | alert_handling        | 0.10           |
// | camera_online         | 0.10           |
// | complaint_resolution  | 0.05           |
// | ledger_completeness   | 0.10           |
// | total                 | 1.00           |
//
// Weights are relative: the score divides by the sum of the weights of the indicators present (see score.ts),
// so weights that do not add up to 1 still give a score from 0 to 100, and a weight of 0 leaves an indicator out.
import { z } from 'zod';
import { INDICATOR_CODES, type IndicatorCode } from './indicators';

export type AssessmentWeights = Record<IndicatorCode, number>;

export const DEFAULT_WEIGHTS: Readonly<AssessmentWeights> = {
  platform_usage: 0.1,
  patrol_coverage: 0.15,
  patrol_pass: 0.15,
  rectification: 0.15,
  rectification_on_time: 0.1,
  alert_handling: 0.1,
  camera_online: 0.1,
  complaint_resolution: 0.05,
  ledger_completeness: 0.1,
};

const weight = z.number().finite().min(0);

/** The weights setting: every indicator, none negative, not all zero. */
export const AssessmentWeightsSchema = z
  .strictObject(Object.fromEntries(INDICATOR_CODES.map((code) => [code, weight])) as Record<IndicatorCode, typeof weight>)
  .refine((weights) => Object.values(weights).some((value) => value > 0), 'at least one weight must be above 0');

/** The defaults with the given weights over them; refuses a negative weight or all zero. */
export function resolveWeights(weights: Partial<AssessmentWeights> = {}): AssessmentWeights {
  const resolved = { ...DEFAULT_WEIGHTS, ...weights };
  for (const code of INDICATOR_CODES) {
    const value = resolved[code];
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`weight of ${code} must be a number ≥ 0, got ${value}`);
  }
  if (INDICATOR_CODES.every((code) => resolved[code] === 0)) throw new RangeError('at least one weight must be above 0');
  return resolved;
}
