// From counts to rates. 0/0 is no rate at all (null): a county with no complaints has not resolved 0% of them.
import { INDICATOR_CODES, INDICATORS, type AssessmentCounts, type IndicatorCode } from './indicators';

export interface IndicatorRate {
  code: IndicatorCode;
  numerator: number;
  denominator: number;
  /** numerator / denominator, 0–1; null when the denominator is 0 (the indicator is absent). */
  rate: number | null;
}

function countOf(counts: AssessmentCounts, name: keyof AssessmentCounts, unit: string): number {
  const value = counts[name] ?? 0;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${unit}: ${name} must be a number ≥ 0, got ${value}`);
  return value;
}

export function indicatorRates(counts: AssessmentCounts, unit = 'counts'): IndicatorRate[] {
  return INDICATOR_CODES.map((code) => {
    const { numerator: numeratorName, denominator: denominatorName } = INDICATORS[code];
    const numerator = countOf(counts, numeratorName, unit);
    const denominator = countOf(counts, denominatorName, unit);
    if (numerator > denominator) {
      throw new RangeError(`${unit}: ${numeratorName} (${numerator}) exceeds ${denominatorName} (${denominator}); count it among them`);
    }
    return { code, numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
  });
}
