// Which canteens the daily patrol looks at first: higher risk and a longer time since the last look, measured
// against the look interval the canteen's risk grade asks for (analytics/risk: A 91 days … D 23 days). A
// canteen past its interval is due and ranks higher still; one whose cameras show no live video ranks lower,
// since a network patrol looks through them. The risk is the canteen's graded score (canteen_risk), the
// same grade the map and the risk API show: the plan is made after grading (ensureDailyPlan). A canteen
// with no grade at all (added since) is weighed by the grading function on what is known of it, and says so.
import { assessCanteenRisk, patrolIntervalDays, type RiskGrade, type SchoolType } from '../../analytics/risk';

export interface PatrolCandidate {
  canteenId: string;
  schoolId: string;
  countyId: string;
  scopePath: string;
  schoolType: SchoolType;
  diners: number;
  operationMode: 'self_run' | 'contracted';
  licenceExpired: boolean;
  recentAlerts: number;
  overdueTasks: number;
  lastPatrolAt: Date | null;
  /** Cameras of the canteen reporting 'online' now. */
  camerasOnline: number;
  /** The graded risk (0–100) and grade; null when the canteen has not been graded. */
  riskScore: number | null;
  riskGrade: RiskGrade | null;
}

export interface Prioritised {
  priority: number;
  reasons: string[];
}

const NEVER_LOOKED_DAYS = 365;
/** A canteen past its look interval counts this many times over. */
export const PAST_INTERVAL_BOOST = 2;
/** A canteen without a camera online counts this much: it is planned after those that can be seen. */
export const NO_LIVE_VIDEO_FACTOR = 0.5;

/** The canteen's grade, or for one never graded what grading makes of its profile and licence alone. */
function riskOf(candidate: PatrolCandidate): { score: number; grade: RiskGrade; graded: boolean } {
  if (candidate.riskScore !== null && candidate.riskGrade !== null) {
    return { score: candidate.riskScore, grade: candidate.riskGrade, graded: true };
  }
  const estimate = assessCanteenRisk({
    profile: { schoolType: candidate.schoolType, diners: candidate.diners, operationMode: candidate.operationMode },
    record: { licenceExpired: candidate.licenceExpired },
  });
  return { score: estimate.score, grade: estimate.grade, graded: false };
}

/**
 * Priority = (1 + risk / 25) × (days since the last look / the grade's interval) × 100, doubled once the
 * interval has passed (a canteen never looked at counts as a year ago, and is due), halved without live video.
 */
export function patrolPriority(candidate: PatrolCandidate, today: Date): Prioritised {
  const risk = riskOf(candidate);
  const interval = patrolIntervalDays(risk.grade);
  const days = candidate.lastPatrolAt
    ? Math.min(NEVER_LOOKED_DAYS, Math.max(0, (today.getTime() - candidate.lastPatrolAt.getTime()) / 86_400_000))
    : NEVER_LOOKED_DAYS;
  const due = !candidate.lastPatrolAt || days >= interval;
  const live = candidate.camerasOnline > 0;
  const reasons: string[] = [candidate.lastPatrolAt ? `days_since_last:${Math.floor(days)}` : 'never_patrolled'];
  if (!risk.graded) reasons.push('ungraded');
  if (due) reasons.push(`past_interval:${interval}`);
  if (!live) reasons.push('no_live_video');
  if (candidate.licenceExpired) reasons.push('licence_expired');
  if (candidate.recentAlerts > 0) reasons.push(`recent_alerts:${candidate.recentAlerts}`);
  if (candidate.overdueTasks > 0) reasons.push(`overdue_tasks:${candidate.overdueTasks}`);
  const priority = (1 + risk.score / 25) * (days / interval) * (due ? PAST_INTERVAL_BOOST : 1) * (live ? 1 : NO_LIVE_VIDEO_FACTOR) * 100;
  return { priority: Math.round(priority * 100) / 100, reasons };
}

/** What a canteen weighs when a province spreads its plan over its cities: its risk (graded, else estimated). */
export const riskWeight = (candidate: PatrolCandidate): number => riskOf(candidate).score;
