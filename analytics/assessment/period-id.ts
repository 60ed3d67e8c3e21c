// The request schema of a period id, for the server's routes (kept apart so periods.ts stays free of zod).
import { z } from 'zod';
import { PERIOD_PATTERN } from './periods';

export const PeriodId = z.string().regex(PERIOD_PATTERN, 'a period is YYYY, YYYY-MM or YYYY-Qn (e.g. 2026, 2026-07, 2026-Q3)');
