import { describe, expect, it } from 'vitest';
import { datesFrom, schoolCalendar } from '../calendar';
import { evaluateLedgerWarnings, type DatedRecord, type LedgerRuleOptions } from './index';
import { emptyLedgers, keysOf, ofCategories, on, SCHOOL, shanghai } from './test-ledgers';

// ISO week 2026-W37 runs from Monday 7 to Sunday 13 September 2026; its last school day is Friday the 11th.
const accompaniment = (at: Date, records: DatedRecord[], options: LedgerRuleOptions = {}) =>
  ofCategories(evaluateLedgerWarnings(emptyLedgers({ mealAccompaniments: records }), at, options), 'no_meal_accompaniment');
const selfInspection = (at: Date, records: DatedRecord[], options: LedgerRuleOptions = {}) =>
  ofCategories(evaluateLedgerWarnings(emptyLedgers({ selfInspections: records }), at, options), 'no_self_inspection');
// Records for the week before W37, so that only W37 is in question.
const W36 = on('2026-09-02');

describe('no meal accompaniment (陪餐) this week', () => {
  it('judges the week from the day after its last school day: not on Friday night, from Saturday 00:00', () => {
    expect(accompaniment(shanghai('2026-09-11T23:59:59.999'), W36)).toEqual([]);
    expect(accompaniment(shanghai('2026-09-12T00:00:00'), W36)).toEqual([
      {
        key: `no_meal_accompaniment:${SCHOOL}:2026-W37`,
        category: 'no_meal_accompaniment',
        severity: 'low',
        subject: { ledger: 'meal_accompaniments', week: '2026-W37', from: '2026-09-07', to: '2026-09-13' },
        message: {
          zh: '2026-W37（2026-09-07 至 2026-09-13）无陪餐记录',
          en: 'No meal accompaniment on record in week 2026-W37 (2026-09-07 to 2026-09-13)',
        },
        details: { week: '2026-W37', from: '2026-09-07', to: '2026-09-13', lastSchoolDay: '2026-09-11' },
      },
    ]);
  });

  it('one record on any day of the week clears it, Monday or the last school day', () => {
    expect(accompaniment(shanghai('2026-09-12T09:00:00'), [...W36, ...on('2026-09-07')])).toEqual([]);
    expect(accompaniment(shanghai('2026-09-12T09:00:00'), [...W36, ...on('2026-09-11')])).toEqual([]);
  });

  it('counts a Sunday record for the week that began the Monday before, not the week after', () => {
    // The only record of W37 is on Sunday the 13th: on Monday the 14th, W37 has its record.
    expect(accompaniment(shanghai('2026-09-14T09:00:00'), [...W36, ...on('2026-09-13')])).toEqual([]);
    // It does nothing for W38 (14 to 20 September), judged from Saturday the 19th.
    expect(keysOf(accompaniment(shanghai('2026-09-19T09:00:00'), [...W36, ...on('2026-09-13')]))).toEqual([
      `no_meal_accompaniment:${SCHOOL}:2026-W38`,
    ]);
  });

  it('a Sunday record entered after the Saturday judgement: the warning was due, and no longer holds', () => {
    expect(keysOf(accompaniment(shanghai('2026-09-12T09:00:00'), W36))).toEqual([`no_meal_accompaniment:${SCHOOL}:2026-W37`]);
    expect(accompaniment(shanghai('2026-09-13T20:00:00'), [...W36, ...on('2026-09-13')])).toEqual([]);
  });

  it('reports a missed week for a week back (default), then lets it go', () => {
    const missed = [`no_meal_accompaniment:${SCHOOL}:2026-W37`];
    expect(keysOf(accompaniment(shanghai('2026-09-18T09:00:00'), W36))).toEqual(missed); // Friday after
    expect(accompaniment(shanghai('2026-09-19T09:00:00'), [...W36, ...on('2026-09-15')])).toEqual([]); // Saturday after
    // Evaluated only on the day it fell due, and the day after not at all.
    expect(keysOf(accompaniment(shanghai('2026-09-12T09:00:00'), W36, { lookbackDays: 1 }))).toEqual(missed);
    expect(accompaniment(shanghai('2026-09-13T09:00:00'), W36, { lookbackDays: 1 })).toEqual([]);
  });

  it('never judges a week without a school day', () => {
    // Winter vacation from 18 January to 26 February 2027.
    const vacation = schoolCalendar({ closed: datesFrom('2027-01-18', '2027-02-26') });
    for (const day of ['2027-01-23', '2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22', '2027-02-27']) {
      expect(accompaniment(shanghai(`${day}T12:00:00`), on('2027-01-12'), { schoolDays: vacation })).toEqual([]);
    }
    // The week that ends the vacation (1 March on) is judged again on Saturday 6 March.
    expect(keysOf(accompaniment(shanghai('2027-03-06T12:00:00'), on('2027-01-12'), { schoolDays: vacation }))).toEqual([
      `no_meal_accompaniment:${SCHOOL}:2027-W09`,
    ]);
  });

  it('follows a holiday week to its real last school day', () => {
    // National Day 2026: 1–7 October off; Sunday 27 September and Saturday 10 October are worked.
    const schoolDays = schoolCalendar({ closed: datesFrom('2026-10-01', '2026-10-07'), open: ['2026-09-27', '2026-10-10'] });
    const records = on('2026-09-16');
    // W39 (21–27 Sep) ends on its make-up Sunday: not judged on Saturday the 26th, judged on Monday the 28th.
    expect(accompaniment(shanghai('2026-09-26T12:00:00'), records, { schoolDays })).toEqual([]);
    expect(accompaniment(shanghai('2026-09-28T12:00:00'), records, { schoolDays })).toMatchObject([
      { key: `no_meal_accompaniment:${SCHOOL}:2026-W39`, details: { lastSchoolDay: '2026-09-27' } },
    ]);
    // W40 has three school days (28–30 Sep) and is judged on the holiday, Thursday 1 October.
    expect(keysOf(accompaniment(shanghai('2026-09-30T23:00:00'), records, { schoolDays, lookbackDays: 1 }))).toEqual([]);
    expect(accompaniment(shanghai('2026-10-01T08:00:00'), records, { schoolDays, lookbackDays: 1 })).toMatchObject([
      { key: `no_meal_accompaniment:${SCHOOL}:2026-W40`, details: { lastSchoolDay: '2026-09-30' } },
    ]);
    // W41 ends on its make-up Saturday, 10 October.
    expect(accompaniment(shanghai('2026-10-11T08:00:00'), records, { schoolDays, lookbackDays: 1 })).toMatchObject([
      { key: `no_meal_accompaniment:${SCHOOL}:2026-W41`, details: { lastSchoolDay: '2026-10-10' } },
    ]);
  });

  it('judges no week that began before the school kept electronic ledgers', () => {
    // On the platform from Wednesday 9 September: W37 is not judged, W38 is.
    expect(accompaniment(shanghai('2026-09-12T12:00:00'), [], { ledgersSince: '2026-09-09' })).toEqual([]);
    expect(keysOf(accompaniment(shanghai('2026-09-19T12:00:00'), [], { ledgersSince: '2026-09-09' }))).toEqual([
      `no_meal_accompaniment:${SCHOOL}:2026-W38`,
    ]);
    // From Monday the 7th, W37 is judged.
    expect(keysOf(accompaniment(shanghai('2026-09-12T12:00:00'), [], { ledgersSince: '2026-09-07' }))).toEqual([
      `no_meal_accompaniment:${SCHOOL}:2026-W37`,
    ]);
  });
});

describe('no self-inspection (自查) this week', () => {
  it('follows the same week rule, on its own ledger', () => {
    expect(selfInspection(shanghai('2026-09-11T23:00:00'), W36)).toEqual([]);
    expect(selfInspection(shanghai('2026-09-12T00:00:00'), W36)).toEqual([
      {
        key: `no_self_inspection:${SCHOOL}:2026-W37`,
        category: 'no_self_inspection',
        severity: 'low',
        subject: { ledger: 'self_inspections', week: '2026-W37', from: '2026-09-07', to: '2026-09-13' },
        message: {
          zh: '2026-W37（2026-09-07 至 2026-09-13）未开展食品安全自查',
          en: 'No self-inspection on record in week 2026-W37 (2026-09-07 to 2026-09-13)',
        },
        details: { week: '2026-W37', from: '2026-09-07', to: '2026-09-13', lastSchoolDay: '2026-09-11' },
      },
    ]);
    expect(selfInspection(shanghai('2026-09-14T09:00:00'), [...W36, ...on('2026-09-13')])).toEqual([]);
  });

  it('a meal accompaniment does not count as a self-inspection, nor the other way round', () => {
    const warnings = evaluateLedgerWarnings(
      emptyLedgers({ mealAccompaniments: on('2026-09-02', '2026-09-08'), selfInspections: on('2026-09-02') }),
      shanghai('2026-09-12T12:00:00'),
    );
    expect(keysOf(ofCategories(warnings, 'no_meal_accompaniment', 'no_self_inspection'))).toEqual([
      `no_self_inspection:${SCHOOL}:2026-W37`,
    ]);
  });
});
