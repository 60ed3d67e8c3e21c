// The request schema of a period id, for the server's routes (kept apart so periods.ts stays free of zod).
import { z } from 'zod';
import { EARLIEST_DATE, LATEST_DATE } from '../calendar/schemas';
import { PERIOD_PATTERN } from './periods';

const [FIRST_YEAR, LAST_YEAR] = [EARLIEST_DATE, LATEST_DATE].map((date) => Number(date.slice(0, 4)));

export const PeriodId = z
  .string()
  .regex(PERIOD_PATTERN, { message: 'a period is YYYY, YYYY-MM or YYYY-Qn (e.g. 2026, 2026-07, 2026-Q3)', abort: true })
  .refine((id) => Number(id.slice(0, 4)) >= FIRST_YEAR! && Number(id.slice(0, 4)) <= LAST_YEAR!, {
    message: `a period lies between ${FIRST_YEAR} and ${LAST_YEAR}`,
  });
