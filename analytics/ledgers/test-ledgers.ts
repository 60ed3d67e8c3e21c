// Test support: an instant in Shanghai time, and one school's ledgers with nothing in them.
import type { LedgerWarningCategory } from './categories';
import type { LedgerWarning, SchoolLedgers } from './types';

export const SCHOOL = 'school-1';

/** An instant given in Asia/Shanghai wall-clock time, whatever the machine's zone. */
export const shanghai = (local: string) => new Date(`${local}+08:00`);

export const emptyLedgers = (changes: Partial<SchoolLedgers> = {}): SchoolLedgers => ({
  schoolId: SCHOOL,
  licences: [],
  staff: [],
  morningChecks: [],
  mealAccompaniments: [],
  selfInspections: [],
  foodSamples: [],
  purchases: [],
  ...changes,
});

export const keysOf = (warnings: readonly LedgerWarning[]) => warnings.map((warning) => warning.key);

/** Dated records for each date given. */
export const on = (...dates: string[]) => dates.map((date) => ({ date }));

/** The warnings of the categories given (the other rules fire too on ledgers left empty). */
export const ofCategories = (warnings: readonly LedgerWarning[], ...categories: LedgerWarningCategory[]) =>
  warnings.filter((warning) => categories.includes(warning.category));
