import { describe, expect, it } from 'vitest';
import { AssessmentWeightsSchema, DEFAULT_WEIGHTS, INDICATOR_CODES, resolveWeights } from './index';

describe('assessment weights', () => {
  it('the defaults weigh every indicator and sum to 1', () => {
    expect(Object.keys(DEFAULT_WEIGHTS).sort()).toEqual([...INDICATOR_CODES].sort());
    expect(Object.values(DEFAULT_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(AssessmentWeightsSchema.parse(DEFAULT_WEIGHTS)).toEqual(DEFAULT_WEIGHTS);
  });

  it('the setting names every indicator, with no weight below 0 and not all 0', () => {
    expect(AssessmentWeightsSchema.safeParse({ ...DEFAULT_WEIGHTS, camera_online: -0.1 }).success).toBe(false);
    const { camera_online: _dropped, ...missing } = DEFAULT_WEIGHTS;
    expect(AssessmentWeightsSchema.safeParse(missing).success).toBe(false);
    expect(AssessmentWeightsSchema.safeParse({ ...DEFAULT_WEIGHTS, unknown: 1 }).success).toBe(false);
    const zero = Object.fromEntries(INDICATOR_CODES.map((code) => [code, 0]));
    expect(AssessmentWeightsSchema.safeParse(zero).success).toBe(false);
  });

  it('resolves partial weights over the defaults and refuses bad ones', () => {
    expect(resolveWeights({ camera_online: 0.3 })).toEqual({ ...DEFAULT_WEIGHTS, camera_online: 0.3 });
    expect(() => resolveWeights({ patrol_pass: -1 })).toThrow(/patrol_pass/);
    expect(() => resolveWeights({ patrol_pass: Number.NaN })).toThrow(RangeError);
    expect(() => resolveWeights(Object.fromEntries(INDICATOR_CODES.map((code) => [code, 0])))).toThrow(/at least one/);
  });
});
