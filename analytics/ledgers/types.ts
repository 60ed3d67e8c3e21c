// The inputs and outputs of the ledger rules. Plain data that a server query fills: one school's records,
// and the warnings that hold for it at one instant.
import type { CalendarDate, SchoolDays } from '../calendar';
import type { LedgerWarningCategory, LedgerWarningSeverity } from './categories';

/** An instant: a Date, epoch milliseconds, or an ISO string with its offset (e.g. from JSON). */
export type Instant = Date | string | number;

/** A food business licence: the canteen's own (id: the canteen) or a supplier's (id: the supplier). */
export interface LicenceRecord {
  id: string;
  holder: 'canteen' | 'supplier';
  /** The canteen's or the supplier's name, for the message. */
  holderName: string;
  number: string;
  /** The last day it is valid (有效期至); null when none is on record, which counts as expired. */
  expiry: CalendarDate | null;
}

/** A member of the canteen staff (current staff only) with the health certificate on record. */
export interface StaffRecord {
  id: string;
  name: string;
  healthCertNumber?: string | null;
  /** The certificate's last valid day; null when the person has none on record, which counts as expired. */
  healthCertExpiry: CalendarDate | null;
}

/** A record that counts for the day it is dated: a morning check, a meal accompaniment, a self-inspection. */
export interface DatedRecord {
  date: CalendarDate;
}

/** A food sample (留样): one dish of one meal. */
export interface FoodSampleRecord {
  id: string;
  dish: string;
  weightGrams: number;
  collectedAt: Instant;
  /** The end of retention the school recorded (planned), if any. */
  retainedUntil?: Instant | null;
  /** When the sample was actually thrown away, once it has been. */
  discardedAt?: Instant | null;
}

/** A purchase receipt (进货查验): the supplier's certificate for the goods (索证) is a photo or a number. */
export interface PurchaseRecord {
  id: string;
  date: CalendarDate;
  supplierName: string;
  certificatePhotoId?: string | null;
  certificateNumber?: string | null;
}

/**
 * One school's ledgers. Dated records (morning checks, meal accompaniments, self-inspections) need only cover
 * `ledgerEvidenceWindow`; samples and purchases are each judged, so pass the recent ones.
 */
export interface SchoolLedgers {
  schoolId: string;
  licences: readonly LicenceRecord[];
  staff: readonly StaffRecord[];
  morningChecks: readonly DatedRecord[];
  mealAccompaniments: readonly DatedRecord[];
  selfInspections: readonly DatedRecord[];
  foodSamples: readonly FoodSampleRecord[];
  purchases: readonly PurchaseRecord[];
}

export interface LedgerRuleOptions {
  /** Which dates are school days; default Monday to Friday. */
  schoolDays?: SchoolDays;
  /** Asia/Shanghai 'HH:MM' by which the day's morning check must be on record; default 10:00. */
  morningCheckCutoff?: string;
  /** Days before expiry from which a licence or certificate is "expiring"; default 30. */
  expiringWithinDays?: number;
  /** Days back, today included, for which daily and weekly warnings are reported; default 7. */
  lookbackDays?: number;
  /** The first day the school kept electronic ledgers: no missing-record warning for days or weeks before it. */
  ledgersSince?: CalendarDate | null;
}

/** What a warning is about: a record, or the day or week of a ledger that has no record. */
export type LedgerWarningSubject =
  | { ledger: 'licences'; id: string; holder: LicenceRecord['holder'] }
  | { ledger: 'staff'; id: string }
  | { ledger: 'food_samples'; id: string }
  | { ledger: 'purchases'; id: string }
  | { ledger: 'morning_checks'; date: CalendarDate }
  | { ledger: 'meal_accompaniments' | 'self_inspections'; week: string; from: CalendarDate; to: CalendarDate };

export interface LedgerWarning {
  /**
   * Stable for as long as the fact holds (e.g. `health_cert_expiring:<staffId>:<expiry>`), so the server raises
   * one alert per warning however often it evaluates; a renewed certificate makes a new key.
   */
  key: string;
  category: LedgerWarningCategory;
  severity: LedgerWarningSeverity;
  subject: LedgerWarningSubject;
  message: { zh: string; en: string };
  /** The figures behind the message. */
  details: Record<string, string | number | boolean>;
}
