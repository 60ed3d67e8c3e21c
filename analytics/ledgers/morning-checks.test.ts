import { describe, expect, it } from 'vitest';
import { datesFrom, schoolCalendar } from '../calendar';
import { evaluateLedgerWarnings, type LedgerRuleOptions } from './index';
import { emptyLedgers, keysOf, ofCategories, on, SCHOOL, shanghai } from './test-ledgers';

const missingChecks = (at: Date, checks: string[] = [], options: LedgerRuleOptions = {}) =>
  ofCategories(evaluateLedgerWarnings(emptyLedgers({ morningChecks: on(...checks) }), at, options), 'no_morning_check');
const today = { lookbackDays: 1 };

describe('no morning health check (晨检) on a school day', () => {
  it('judges today only from the cut-off on: 09:59 nothing, 10:00 the warning', () => {
    // Tuesday 8 September 2026.
    expect(missingChecks(shanghai('2026-09-08T09:59:59.999'), [], today)).toEqual([]);
    expect(missingChecks(shanghai('2026-09-08T10:00:00'), [], today)).toEqual([
      {
        key: `no_morning_check:${SCHOOL}:2026-09-08`,
        category: 'no_morning_check',
        severity: 'medium',
        subject: { ledger: 'morning_checks', date: '2026-09-08' },
        message: {
          zh: '2026-09-08（周二）是上学日，10:00 前无晨检记录',
          en: 'No morning health check on record by 10:00 on school day 2026-09-08',
        },
        details: { date: '2026-09-08', cutoff: '10:00' },
      },
    ]);
  });

  it('a check on record that day, whenever entered, clears it', () => {
    expect(missingChecks(shanghai('2026-09-08T10:00:00'), ['2026-09-08'], today)).toEqual([]);
    // A check for another day does not.
    expect(keysOf(missingChecks(shanghai('2026-09-08T10:00:00'), ['2026-09-07', '2026-09-09'], today))).toEqual([
      `no_morning_check:${SCHOOL}:2026-09-08`,
    ]);
  });

  it('takes another cut-off', () => {
    const options = { ...today, morningCheckCutoff: '08:30' };
    expect(missingChecks(shanghai('2026-09-08T08:29:00'), [], options)).toEqual([]);
    expect(missingChecks(shanghai('2026-09-08T08:30:00'), [], options)).toMatchObject([{ details: { cutoff: '08:30' } }]);
    expect(() => missingChecks(shanghai('2026-09-08T08:30:00'), [], { morningCheckCutoff: '8:30' })).toThrow(RangeError);
  });

  it('cuts off in Shanghai time: 02:00 UTC is 10:00 there', () => {
    expect(missingChecks(new Date('2026-09-08T01:59:00Z'), [], today)).toEqual([]);
    expect(missingChecks(new Date('2026-09-08T02:00:00Z'), [], today)).toHaveLength(1);
  });

  it('never on a weekend or a holiday, and on a make-up day (调休) as on any school day', () => {
    expect(missingChecks(shanghai('2026-09-12T12:00:00'), [], today)).toEqual([]); // Saturday
    expect(missingChecks(shanghai('2026-09-13T12:00:00'), [], today)).toEqual([]); // Sunday
    const nationalDay = schoolCalendar({ closed: datesFrom('2026-10-01', '2026-10-07'), open: ['2026-09-27', '2026-10-10'] });
    // Thursday 1 October is a holiday; Sunday 27 September and Saturday 10 October are worked.
    expect(missingChecks(shanghai('2026-10-01T12:00:00'), [], { ...today, schoolDays: nationalDay })).toEqual([]);
    expect(keysOf(missingChecks(shanghai('2026-09-27T12:00:00'), [], { ...today, schoolDays: nationalDay }))).toEqual([
      `no_morning_check:${SCHOOL}:2026-09-27`,
    ]);
    expect(keysOf(missingChecks(shanghai('2026-10-10T12:00:00'), [], { ...today, schoolDays: nationalDay }))).toEqual([
      `no_morning_check:${SCHOOL}:2026-10-10`,
    ]);
    // A week back from Thursday 8 October: only the 8th was a school day.
    expect(keysOf(missingChecks(shanghai('2026-10-08T12:00:00'), [], { schoolDays: nationalDay }))).toEqual([
      `no_morning_check:${SCHOOL}:2026-10-08`,
    ]);
  });

  it('takes the school days as a set', () => {
    const schoolDays = new Set(['2026-09-12']);
    expect(keysOf(missingChecks(shanghai('2026-09-14T12:00:00'), [], { schoolDays }))).toEqual([`no_morning_check:${SCHOOL}:2026-09-12`]);
  });

  it('catches up a week back by default, with the same keys each time', () => {
    // Monday 14 September at 09:00: the week back is Tuesday 8 to Monday 14; today is not yet due.
    const monday = missingChecks(shanghai('2026-09-14T09:00:00'), ['2026-09-09']);
    expect(keysOf(monday)).toEqual(['2026-09-08', '2026-09-10', '2026-09-11'].map((date) => `no_morning_check:${SCHOOL}:${date}`));
    const later = missingChecks(shanghai('2026-09-14T17:00:00'), ['2026-09-09']);
    expect(keysOf(later)).toEqual([...keysOf(monday), `no_morning_check:${SCHOOL}:2026-09-14`]);
  });

  it('judges no day before the school kept electronic ledgers', () => {
    const warnings = missingChecks(shanghai('2026-09-14T17:00:00'), [], { ledgersSince: '2026-09-10' });
    expect(warnings.map((warning) => warning.details.date)).toEqual(['2026-09-10', '2026-09-11', '2026-09-14']);
  });
});
