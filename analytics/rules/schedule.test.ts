import { describe, expect, it } from 'vitest';
import { inPeriod, isWorkingTime, shanghaiLocalTime, timeOfMinute } from './schedule';

// Instants given in Shanghai time (+08:00), whatever the machine's time zone.
const at = (local: string) => new Date(`${local}+08:00`);

describe('working hours in Asia/Shanghai', () => {
  it('reads local weekday and minute from the instant, not from the machine', () => {
    // 2026-11-23 is a Monday. 00:30 in Shanghai is still Sunday 16:30 UTC.
    expect(shanghaiLocalTime(at('2026-11-23T00:30:00'))).toEqual({ weekday: 1, minute: 30 });
    expect(shanghaiLocalTime(at('2026-11-22T23:59:00'))).toEqual({ weekday: 7, minute: 23 * 60 + 59 });
    expect(shanghaiLocalTime(new Date('2026-11-22T16:30:00Z'))).toEqual({ weekday: 1, minute: 30 });
  });

  it('keeps the default day 05:30–20:00: start inclusive, end exclusive', () => {
    const schedule = { workingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '20:00' }] };
    expect(isWorkingTime(schedule, at('2026-11-23T05:29:00'))).toBe(false);
    expect(isWorkingTime(schedule, at('2026-11-23T05:30:00'))).toBe(true);
    expect(isWorkingTime(schedule, at('2026-11-23T12:00:00'))).toBe(true);
    expect(isWorkingTime(schedule, at('2026-11-23T19:59:00'))).toBe(true);
    expect(isWorkingTime(schedule, at('2026-11-23T20:00:00'))).toBe(false);
    expect(isWorkingTime(schedule, at('2026-11-23T23:00:00'))).toBe(false);
  });

  it('runs an overnight period from its start day into the next morning', () => {
    // A boarding school's night shift on Fridays only: Friday 22:00 to Saturday 06:00.
    const night = { days: [5], start: '22:00', end: '06:00' };
    expect(inPeriod(night, { weekday: 5, minute: 23 * 60 })).toBe(true);
    expect(inPeriod(night, { weekday: 6, minute: 5 * 60 })).toBe(true);
    expect(inPeriod(night, { weekday: 6, minute: 6 * 60 })).toBe(false);
    expect(inPeriod(night, { weekday: 5, minute: 5 * 60 })).toBe(false); // Friday early morning belongs to Thursday
    expect(inPeriod(night, { weekday: 6, minute: 23 * 60 })).toBe(false);
    // Sunday night wraps to Monday morning.
    expect(inPeriod({ days: [7], start: '23:00', end: '01:00' }, { weekday: 1, minute: 30 })).toBe(true);
  });

  it('treats equal start and end as all day, 24:00 as the end of the day, and no periods as always after hours', () => {
    expect(inPeriod({ days: [3], start: '00:00', end: '00:00' }, { weekday: 3, minute: 0 })).toBe(true);
    expect(inPeriod({ days: [3], start: '00:00', end: '00:00' }, { weekday: 3, minute: 1439 })).toBe(true);
    expect(inPeriod({ days: [3], start: '18:00', end: '24:00' }, { weekday: 3, minute: 1439 })).toBe(true);
    expect(isWorkingTime({ workingHours: [] }, at('2026-11-23T12:00:00'))).toBe(false);
  });

  it('honours the days of the week (a school closed at weekends)', () => {
    const weekdays = { workingHours: [{ days: [1, 2, 3, 4, 5], start: '06:00', end: '19:00' }] };
    expect(isWorkingTime(weekdays, at('2026-11-27T10:00:00'))).toBe(true); // Friday
    expect(isWorkingTime(weekdays, at('2026-11-28T10:00:00'))).toBe(false); // Saturday
  });

  it('formats minutes back to HH:MM, wrapping past midnight', () => {
    expect(timeOfMinute(0)).toBe('00:00');
    expect(timeOfMinute(330)).toBe('05:30');
    expect(timeOfMinute(1440 + 61)).toBe('01:01');
    expect(timeOfMinute(-30)).toBe('23:30');
  });
});
