// The weighted score of one county (or school): 100 × Σ wᵢ·rᵢ / Σ wᵢ over the indicators present. An absent
// indicator (0/0) drops out and its weight goes to the others in proportion to theirs, so a county is neither
// rewarded nor punished for having had, say, no complaint. With no indicator present there is no score.
import type { AssessmentCounts, IndicatorCode } from './indicators';
import { indicatorRates, type IndicatorRate } from './rates';
import { resolveWeights, type AssessmentWeights } from './weights';

export interface IndicatorScore extends IndicatorRate {
  /** The configured weight. */
  weight: number;
  /** The weight after redistribution (0 when absent); these add up to 1 over the indicators present. */
  effectiveWeight: number;
  /** Its share of the score: 100 × effectiveWeight × rate, two decimals (they add up to the score, to rounding). */
  points: number;
}

export interface CountsScore {
  /** 0–100, two decimals; null when no indicator is present. */
  score: number | null;
  indicators: IndicatorScore[];
}

export const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;

export function scoreCounts(counts: AssessmentCounts, weights: Partial<AssessmentWeights> = {}, unit?: string): CountsScore {
  const resolved = resolveWeights(weights);
  const rates = indicatorRates(counts, unit);
  const presentWeight = rates.reduce((sum, rate) => sum + (rate.rate === null ? 0 : resolved[rate.code]), 0);
  const indicators = rates.map((rate): IndicatorScore => {
    const weight = resolved[rate.code];
    const effectiveWeight = rate.rate === null || presentWeight === 0 ? 0 : weight / presentWeight;
    return { ...rate, weight, effectiveWeight, points: round2(100 * effectiveWeight * (rate.rate ?? 0)) };
  });
  if (presentWeight === 0) return { score: null, indicators };
  const weighted = rates.reduce((sum, rate) => sum + (rate.rate === null ? 0 : resolved[rate.code] * rate.rate), 0);
  return { score: round2((100 * weighted) / presentWeight), indicators };
}

/** Scores keyed by indicator, for lookups. */
export const byIndicator = (indicators: readonly IndicatorScore[]) =>
  Object.fromEntries(indicators.map((indicator) => [indicator.code, indicator])) as Record<IndicatorCode, IndicatorScore>;
