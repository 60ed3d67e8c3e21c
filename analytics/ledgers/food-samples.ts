// Food sample retention (留样): each sample at least 125 g, kept at least 48 hours. Weight and retention are
// two warnings with two keys: a light sample that is also thrown away early is two faults to put right.
import { instantMs, shanghaiDateOf } from '../calendar';
import { SAMPLE_MIN_GRAMS, SAMPLE_MIN_HOURS } from './thresholds';
import type { FoodSampleRecord, LedgerWarning } from './types';
import { ledgerWarning } from './warning';

const HOUR_MS = 3_600_000;
// Shown rounded down, so that 47.99 h never reads as "48 h, less than 48 h".
const floor1 = (value: number) => Math.floor(value * 10) / 10;

/**
 * How long the sample was (or is to be) kept: to when it was discarded, or to the retention end on record,
 * whichever is earlier; null while neither is known (it is still being kept).
 */
export function sampleKeptHours(sample: FoodSampleRecord): number | null {
  const collected = instantMs(sample.collectedAt, 'collectedAt');
  const ends = [sample.discardedAt, sample.retainedUntil]
    .filter((end) => end !== null && end !== undefined)
    .map((end) => instantMs(end, 'retention end'));
  return ends.length === 0 ? null : (Math.min(...ends) - collected) / HOUR_MS;
}

export function foodSampleWarnings(samples: readonly FoodSampleRecord[]): LedgerWarning[] {
  const warnings: LedgerWarning[] = [];
  for (const sample of samples) {
    const subject = { ledger: 'food_samples', id: sample.id } as const;
    const date = shanghaiDateOf(sample.collectedAt);
    if (sample.weightGrams < SAMPLE_MIN_GRAMS) {
      warnings.push(
        ledgerWarning(
          'sample_retention',
          [sample.id, 'weight'],
          subject,
          {
            zh: `${date} 留样「${sample.dish}」重 ${sample.weightGrams} 克，不足 ${SAMPLE_MIN_GRAMS} 克`,
            en: `The sample of ${sample.dish} on ${date} weighs ${sample.weightGrams} g, less than ${SAMPLE_MIN_GRAMS} g`,
          },
          { dish: sample.dish, date, weightGrams: sample.weightGrams, minimumGrams: SAMPLE_MIN_GRAMS },
        ),
      );
    }
    const hours = sampleKeptHours(sample);
    if (hours !== null && hours < SAMPLE_MIN_HOURS) {
      const kept = floor1(Math.max(0, hours));
      warnings.push(
        ledgerWarning(
          'sample_retention',
          [sample.id, 'duration'],
          subject,
          {
            zh: `${date} 留样「${sample.dish}」仅保存 ${kept} 小时，不足 ${SAMPLE_MIN_HOURS} 小时`,
            en: `The sample of ${sample.dish} on ${date} was kept ${kept} h, less than ${SAMPLE_MIN_HOURS} h`,
          },
          { dish: sample.dish, date, keptHours: kept, minimumHours: SAMPLE_MIN_HOURS },
        ),
      );
    }
  }
  return warnings;
}
