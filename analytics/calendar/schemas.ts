// The request schemas of dates and instants, for every route and protocol: a date is a real calendar day and an
// instant carries its offset, and both lie in the years this platform can hold records for. Anything else is
// refused at the schema, before any date arithmetic, SQL or loop ever sees it.
import { z } from 'zod';
import { isCalendarDate } from './dates';

/** The first and the last day a request may name (no record of this platform lies outside them). */
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2099-12-31';

const withinYears = (date: string) => date >= EARLIEST_DATE && date <= LATEST_DATE;
const YEARS = `between ${EARLIEST_DATE.slice(0, 4)} and ${LATEST_DATE.slice(0, 4)}`;

/** 'YYYY-MM-DD' naming a day that exists, within the platform's years. Aborts, so no later check sees a bad one. */
export const CalendarDateSchema = z
  .string()
  .refine(isCalendarDate, { message: 'must be a calendar date YYYY-MM-DD', abort: true })
  .refine(withinYears, { message: `must be a date ${YEARS}`, abort: true })
  .meta({ format: 'date' });

/** An ISO 8601 date and time with its offset (e.g. 2026-12-07T08:30:00+08:00), within the platform's years. */
export const InstantSchema = z.iso
  .datetime({ offset: true })
  .refine((value) => isCalendarDate(value.slice(0, 10)) && Number.isFinite(Date.parse(value)), {
    message: 'must name a day that exists',
    abort: true,
  })
  .refine((value) => withinYears(value.slice(0, 10)), { message: `must be a time ${YEARS}`, abort: true });
