import { describe, expect, it } from 'vitest';
import { datesFrom, schoolCalendar, schoolDaysBetween } from '../calendar';
import { completenessEvidenceWindow, completenessFrames, completenessIn, ledgerCompleteness } from './index';

// September 2026, Monday to Friday: 22 school days (1 Sep is a Tuesday, 30 Sep a Wednesday). Weeks whose last
// school day falls in September: those ending Friday 4, 11, 18 and 25 September; the week of 28 September ends
// on Friday 2 October and counts in October. Required: 4 daily ledgers × 22 + 2 weekly × 4 = 96.
const FROM = '2026-09-01';
const TO = '2026-09-30';

describe('ledger completeness', () => {
  it('counts school days for daily ledgers and ISO weeks for weekly ones', () => {
    const schoolDays = schoolDaysBetween(undefined, FROM, TO);
    expect(schoolDays).toHaveLength(22);
    const result = ledgerCompleteness(undefined, FROM, TO, {
      morning_checks: schoolDays,
      menus: schoolDays.slice(0, 11),
      food_samples: [...schoolDays, '2026-09-05', '2026-10-01'], // a Saturday and a day after the period count for nothing
      // disinfections: none at all
      // Weeks of 31 Aug (counted in September), 7 Sep (on its Sunday), 14 Sep; and of 28 Sep (counted in October).
      meal_accompaniments: ['2026-08-31', '2026-09-13', '2026-09-16', '2026-10-02'],
      self_inspections: ['2026-09-04'],
    });
    expect(result.byLedger).toEqual({
      morning_checks: { required: 22, present: 22 },
      menus: { required: 22, present: 11 },
      food_samples: { required: 22, present: 22 },
      disinfections: { required: 22, present: 0 },
      meal_accompaniments: { required: 4, present: 3 },
      self_inspections: { required: 4, present: 1 },
    });
    // 22 + 11 + 22 + 0 + 3 + 1 = 59 of 96.
    expect(result).toMatchObject({ ledgerItemsRequired: 96, ledgerItemsPresent: 59 });
  });

  it('follows the calendar: holidays require nothing, and a week belongs to the period of its last school day', () => {
    // With National Day off, the week of 28 September ends on Wednesday the 30th and counts in September.
    // October 2026 with National Day (1–7 off) and make-up days on Sun 27 Sep and Sat 10 Oct.
    const schoolDays = schoolCalendar({ closed: datesFrom('2026-10-01', '2026-10-07'), open: ['2026-09-27', '2026-10-10'] });
    const october = ledgerCompleteness(schoolDays, '2026-10-01', '2026-10-31', {});
    // School days: 8, 9 and (make-up) 10 October, then 12–16, 19–23 and 26–30 October: 3 + 15 = 18.
    expect(october.byLedger.morning_checks.required).toBe(18);
    // Weeks: 5–11 Oct (ends Sat 10), 12–18, 19–25, 26 Oct–1 Nov (ends Fri 30) = 4; 28 Sep–4 Oct ended on 30 Sep, in September.
    expect(october.byLedger.meal_accompaniments.required).toBe(4);
    expect(ledgerCompleteness(schoolDays, '2026-09-01', '2026-09-30', {}).byLedger.meal_accompaniments.required).toBe(5);
  });

  it('names the records to load: whole weeks around the period', () => {
    expect(completenessEvidenceWindow(FROM, TO)).toEqual({ from: '2026-08-31', to: '2026-10-04' });
  });

  it('works a calendar out once per calendar and period, and counts each school in it as on its own', () => {
    const frameOf = completenessFrames();
    const weekdays = frameOf('city', undefined, FROM, TO);
    expect(frameOf('city', undefined, FROM, TO)).toBe(weekdays);
    expect(weekdays.days).toHaveLength(22);
    expect(weekdays.weeks).toEqual(['2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21']);
    // Another calendar (a school with Saturday classes) is its own frame, though the period is the same.
    const saturdays = schoolCalendar({ weekdays: [1, 2, 3, 4, 5, 6] });
    const boarding = frameOf('school', saturdays, FROM, TO);
    expect(boarding.days).toHaveLength(26);
    const kept = { morning_checks: datesFrom(FROM, '2026-09-10'), self_inspections: ['2026-09-09'] };
    expect(completenessIn(boarding, kept)).toEqual(ledgerCompleteness(saturdays, FROM, TO, kept));
    expect(completenessIn(weekdays, kept)).toEqual(ledgerCompleteness(undefined, FROM, TO, kept));
  });
});
