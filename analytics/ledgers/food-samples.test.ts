import { describe, expect, it } from 'vitest';
import { evaluateLedgerWarnings, sampleKeptHours, type FoodSampleRecord } from './index';
import { emptyLedgers, keysOf, ofCategories, shanghai } from './test-ledgers';

const NOW = shanghai('2026-09-12T12:00:00');
const LUNCH = '2026-09-08T11:30:00+08:00';
const sample = (changes: Partial<FoodSampleRecord> = {}): FoodSampleRecord => ({
  id: 'smp-1',
  dish: '西红柿炒鸡蛋',
  weightGrams: 150,
  collectedAt: LUNCH,
  ...changes,
});
const sampleWarnings = (...samples: FoodSampleRecord[]) =>
  ofCategories(evaluateLedgerWarnings(emptyLedgers({ foodSamples: samples }), NOW), 'sample_retention');

describe('food samples (留样): at least 125 g', () => {
  it('exactly 125 g passes; 124.9 g is warned about', () => {
    expect(sampleWarnings(sample({ weightGrams: 125 }))).toEqual([]);
    expect(sampleWarnings(sample({ weightGrams: 124.9 }))).toEqual([
      {
        key: 'sample_retention:smp-1:weight',
        category: 'sample_retention',
        severity: 'medium',
        subject: { ledger: 'food_samples', id: 'smp-1' },
        message: {
          zh: '2026-09-08 留样「西红柿炒鸡蛋」重 124.9 克，不足 125 克',
          en: 'The sample of 西红柿炒鸡蛋 on 2026-09-08 weighs 124.9 g, less than 125 g',
        },
        details: { dish: '西红柿炒鸡蛋', date: '2026-09-08', weightGrams: 124.9, minimumGrams: 125 },
      },
    ]);
  });
});

describe('food samples: kept at least 48 hours', () => {
  it('discarded exactly 48 h after collection passes; a minute earlier is warned about', () => {
    expect(sampleWarnings(sample({ discardedAt: '2026-09-10T11:30:00+08:00' }))).toEqual([]);
    expect(sampleWarnings(sample({ discardedAt: '2026-09-10T11:29:00+08:00' }))).toEqual([
      {
        key: 'sample_retention:smp-1:duration',
        category: 'sample_retention',
        severity: 'medium',
        subject: { ledger: 'food_samples', id: 'smp-1' },
        message: {
          zh: '2026-09-08 留样「西红柿炒鸡蛋」仅保存 47.9 小时，不足 48 小时',
          en: 'The sample of 西红柿炒鸡蛋 on 2026-09-08 was kept 47.9 h, less than 48 h',
        },
        details: { dish: '西红柿炒鸡蛋', date: '2026-09-08', keptHours: 47.9, minimumHours: 48 },
      },
    ]);
  });

  it('a recorded retention end earlier than 48 h is warned about before the sample is thrown away', () => {
    expect(keysOf(sampleWarnings(sample({ retainedUntil: '2026-09-10T08:00:00+08:00' })))).toEqual(['sample_retention:smp-1:duration']);
    expect(sampleWarnings(sample({ retainedUntil: '2026-09-10T11:30:00+08:00' }))).toEqual([]);
  });

  it('the earlier of the discard and the recorded end counts', () => {
    expect(sampleKeptHours(sample({ retainedUntil: '2026-09-11T11:30:00+08:00', discardedAt: '2026-09-09T11:30:00+08:00' }))).toBe(24);
    expect(sampleKeptHours(sample({ retainedUntil: new Date('2026-09-10T03:30:00Z'), discardedAt: null }))).toBe(48);
    expect(
      keysOf(sampleWarnings(sample({ retainedUntil: '2026-09-11T11:30:00+08:00', discardedAt: '2026-09-09T11:30:00+08:00' }))),
    ).toEqual(['sample_retention:smp-1:duration']);
  });

  it('a sample still kept, with no end on record, is not judged on time', () => {
    expect(sampleKeptHours(sample())).toBeNull();
    expect(sampleWarnings(sample())).toEqual([]);
  });

  it('a light sample thrown away early is two warnings with two keys', () => {
    expect(keysOf(sampleWarnings(sample({ weightGrams: 80, discardedAt: '2026-09-08T18:00:00+08:00' })))).toEqual([
      'sample_retention:smp-1:weight',
      'sample_retention:smp-1:duration',
    ]);
  });

  it('dates the sample in Shanghai time', () => {
    const early = sampleWarnings(sample({ collectedAt: new Date('2026-09-07T22:30:00Z'), weightGrams: 100 }));
    expect(early[0]!.details.date).toBe('2026-09-08');
  });
});
