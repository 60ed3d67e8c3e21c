import { describe, expect, it } from 'vitest';
import { datesFrom, schoolCalendar } from '../calendar';
import { ALERT_HANDLING_HOURS, handledInTime, ledgerActivityCounts, scoreCounts, sumCounts } from './index';

describe('an alert handled in time', () => {
  const raised = '2026-09-08T10:00:00+08:00';
  it('within 24 hours of being raised, the limit itself included', () => {
    expect(ALERT_HANDLING_HOURS).toBe(24);
    expect(handledInTime(raised, '2026-09-09T10:00:00+08:00')).toBe(true);
    expect(handledInTime(raised, new Date(Date.parse('2026-09-09T10:00:00+08:00') + 1))).toBe(false);
    expect(handledInTime(raised, null)).toBe(false);
    expect(handledInTime(raised, '2026-09-08T12:00:00+08:00', 2)).toBe(true);
    expect(handledInTime(raised, '2026-09-08T12:00:01+08:00', 2)).toBe(false);
  });
});

describe('platform usage counts', () => {
  it('school days in the period, and those with any ledger entry', () => {
    // September 2026 has 22 weekdays; National Day leaves 1–2 October out of the first days of October.
    expect(ledgerActivityCounts(undefined, '2026-09-01', '2026-09-30', ['2026-09-01', '2026-09-05', '2026-09-30', '2026-10-01'])).toEqual({
      schoolDays: 22,
      schoolDaysWithLedgerActivity: 2, // the Saturday and the day after the period count for nothing
    });
    const holidays = schoolCalendar({ closed: datesFrom('2026-10-01', '2026-10-07') });
    expect(ledgerActivityCounts(holidays, '2026-10-01', '2026-10-09', ['2026-10-02', '2026-10-08'])).toEqual({
      schoolDays: 2,
      schoolDaysWithLedgerActivity: 1,
    });
  });

  it('summed over schools it is the mean of their usage when they share a calendar', () => {
    // Three schools with 20, 11 and 22 active days of 22: mean (20 + 11 + 22) / 66 = 53 / 66.
    const schools = [20, 11, 22].map((active) => ({ schoolDays: 22, schoolDaysWithLedgerActivity: active }));
    const county = sumCounts(schools);
    expect(county).toEqual({ schoolDays: 66, schoolDaysWithLedgerActivity: 53 });
    const mean = (20 / 22 + 11 / 22 + 22 / 22) / 3;
    expect(scoreCounts(county).indicators[0]!.rate).toBeCloseTo(mean, 12);
    // Usage is then the only indicator present: the score is the rate.
    expect(scoreCounts(county).score).toBe(80.3);
  });
});
