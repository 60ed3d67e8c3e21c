// The inputs and outputs of canteen risk grading. Plain data: the server gathers the numbers, these
// functions only weigh them.
import type { RiskFactorCode } from './weights';

export type RiskGrade = 'A' | 'B' | 'C' | 'D';
export const RISK_GRADES: readonly RiskGrade[] = ['A', 'B', 'C', 'D'];

export type SchoolType = 'kindergarten' | 'primary' | 'middle' | 'boarding';
export type OperationMode = 'self_run' | 'contracted';

/** What a canteen is: the static part. */
export interface CanteenProfile {
  schoolType: SchoolType;
  diners: number;
  /** Boarding pupils eat three meals a day there; defaults to the school type being `boarding`. */
  boarding?: boolean;
  operationMode: OperationMode;
}

/** How a canteen has been doing over the evidence window: the dynamic part. Absent numbers count as zero. */
export interface CanteenRecord {
  /** Patrol and inspection records in the window, and how many of them failed. */
  patrols?: number;
  failedPatrols?: number;
  /** Failed key items (关键项) over those records. */
  keyItemsFailed?: number;
  /** Confirmed alerts seen on video in the window, and the camera-days they were seen over. */
  confirmedAlerts?: number;
  cameraDays?: number;
  /** Rectification tasks that went overdue: still open, and closed (or cancelled) after their deadline. */
  overdueTasksOpen?: number;
  overdueTasksClosedLate?: number;
  /** Complaints in the window found to be true, and complaints not yet closed. */
  complaintsFounded?: number;
  complaintsOpen?: number;
  /** The canteen's food business licence has expired (days since, when known). */
  licenceExpired?: boolean;
  licenceExpiredDays?: number;
  /** Days left until the licence's last valid day (0: today), when it is still valid. */
  licenceDaysLeft?: number;
  /** Staff health certificates past expiry or not on record (the ledgers' staff register). */
  expiredHealthCerts?: number;
  /** Cameras installed, cameras that have reported a status, and those online now. */
  cameras?: number;
  camerasReporting?: number;
  camerasOnline?: number;
  /** Share (0–1) of the required ledger entries kept; unknown (null/absent) is neutral. */
  ledgerCompleteness?: number | null;
}

export interface RiskInput {
  profile: CanteenProfile;
  record?: CanteenRecord;
}

export interface RiskFactor {
  code: RiskFactorCode;
  /** Chinese label for the UI. */
  label: string;
  part: 'static' | 'dynamic';
  points: number;
  /** The numbers that gave the points. */
  evidence: Record<string, number | string | boolean>;
}

export interface RiskAssessment {
  /** 0–100, two decimals: static + dynamic. */
  score: number;
  grade: RiskGrade;
  static: number;
  dynamic: number;
  /** The factors that made the score, largest first; their points add up to the score. */
  factors: RiskFactor[];
}
