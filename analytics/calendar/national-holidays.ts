// China's public holidays and their make-up working days (调休上班), as the State Council's yearly notice
// (国务院办公厅关于部分节假日安排的通知) sets them: the default school calendar closes on the holidays and opens
// on the make-up days that fall on a weekend. Add a year here when its notice is published (each November).
import type { ClosedRange, OpenDay } from './school-calendar-setting';

export interface HolidayYear {
  year: number;
  /** True while the year's notice is not yet published: derived from the rules, to be checked against it. */
  provisional: boolean;
  holidays: ClosedRange[];
  makeUpDays: OpenDay[];
}

/** 国办发明电〔2025〕7号, published 2025-11-04. */
const Y2026: HolidayYear = {
  year: 2026,
  provisional: false,
  holidays: [
    { from: '2026-01-01', to: '2026-01-03', name: '元旦' },
    { from: '2026-02-15', to: '2026-02-23', name: '春节' },
    { from: '2026-04-04', to: '2026-04-06', name: '清明节' },
    { from: '2026-05-01', to: '2026-05-05', name: '劳动节' },
    { from: '2026-06-19', to: '2026-06-21', name: '端午节' },
    { from: '2026-09-25', to: '2026-09-27', name: '中秋节' },
    { from: '2026-10-01', to: '2026-10-07', name: '国庆节' },
  ],
  makeUpDays: [
    { date: '2026-01-04', name: '元旦调休上班' },
    { date: '2026-02-14', name: '春节调休上班' },
    { date: '2026-02-28', name: '春节调休上班' },
    { date: '2026-05-09', name: '劳动节调休上班' },
    { date: '2026-09-20', name: '国庆节调休上班' },
    { date: '2026-10-10', name: '国庆节调休上班' },
  ],
};

/**
 * PROVISIONAL: the 2027 notice was not found (it is due in November 2026). Derived from the holiday rules as
 * revised in 2024 (全国年节及纪念日放假办法: 元旦 1 day, 春节 from 除夕 4 days, 清明 1, 劳动节 2, 端午 1, 中秋 1,
 * 国庆 3; a holiday on a weekend is made up on the next weekday) and the pattern of recent notices (春节 about
 * eight days from 除夕, 劳动节 five, 国庆 seven, a weekday holiday on Wednesday not moved), on the lunar dates
 * 春节 2027-02-06, 清明 2027-04-05, 端午 2027-06-09, 中秋 2027-09-15. 2027 falls on the weekdays of 2021, whose
 * notice had the same 国庆 make-up days (9/26, 10/9). Replace with the notice when it is published.
 */
const Y2027: HolidayYear = {
  year: 2027,
  provisional: true,
  holidays: [
    { from: '2027-01-01', to: '2027-01-03', name: '元旦' },
    { from: '2027-02-05', to: '2027-02-12', name: '春节' },
    { from: '2027-04-03', to: '2027-04-05', name: '清明节' },
    { from: '2027-05-01', to: '2027-05-05', name: '劳动节' },
    { from: '2027-06-09', to: '2027-06-09', name: '端午节' },
    { from: '2027-09-15', to: '2027-09-15', name: '中秋节' },
    { from: '2027-10-01', to: '2027-10-07', name: '国庆节' },
  ],
  makeUpDays: [
    { date: '2027-01-31', name: '春节调休上班' },
    { date: '2027-02-20', name: '春节调休上班' },
    { date: '2027-05-08', name: '劳动节调休上班' },
    { date: '2027-09-26', name: '国庆节调休上班' },
    { date: '2027-10-09', name: '国庆节调休上班' },
  ],
};

export const NATIONAL_HOLIDAY_YEARS: readonly HolidayYear[] = [Y2026, Y2027];
