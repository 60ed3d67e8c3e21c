// The numbers the ledger rules test against, in one place. The sample figures are the national rule for
// school canteens (学校食品安全与营养健康管理规定, 2019, art. 36: each dish of each meal, at least 125 g, kept
// at least 48 hours in a refrigerator for samples only).

/** A licence or health certificate expiring within this many days (its last valid day included) is warned about. */
export const EXPIRING_WITHIN_DAYS = 30;

/** The morning health check (晨检) must be on record by this Asia/Shanghai time on a school day. */
export const MORNING_CHECK_CUTOFF = '10:00';

export const SAMPLE_MIN_GRAMS = 125;
export const SAMPLE_MIN_HOURS = 48;

/**
 * Daily and weekly warnings are reported for this many days back, today included, so that a missed run (a
 * server down over a weekend) is caught up. Their keys are stable, so reporting one again raises nothing new.
 */
export const LOOKBACK_DAYS = 7;
