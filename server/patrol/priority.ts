// Which canteens the daily patrol looks at first: higher risk and a longer time since the last look, measured
// against the look interval the canteen's risk grade asks for (analytics/risk: A 91 days … D 23 days). A
// canteen past its interval is due and ranks higher still. The risk is the canteen's graded score
// (canteen_risk) when it has one, else a provisional estimate built from what the records already say.
import { patrolIntervalDays, riskGradeOf, type RiskGrade } from '../../analytics/risk';

export interface PatrolCandidate {
  canteenId: string;
  schoolId: string;
  countyId: string;
  scopePath: string;
  schoolType: string;
  diners: number;
  operationMode: string;
  licenceExpired: boolean;
  recentAlerts: number;
  overdueTasks: number;
  lastPatrolAt: Date | null;
  /** The graded risk (0–100) and grade, when risk grading has run for the canteen. */
  riskScore: number | null;
  riskGrade?: RiskGrade | null;
}

export interface Prioritised {
  priority: number;
  reasons: string[];
}

const NEVER_LOOKED_DAYS = 365;
/** A canteen past its look interval counts this many times over. */
export const PAST_INTERVAL_BOOST = 2;

/** Until a canteen is graded: a rough 0–100 from its type, size, mode, licence, alerts and overdue tasks. */
export function provisionalRisk(candidate: PatrolCandidate): number {
  let score = 20;
  if (candidate.schoolType === 'boarding') score += 15;
  if (candidate.diners > 1000) score += 10;
  if (candidate.operationMode === 'contracted') score += 10;
  if (candidate.licenceExpired) score += 20;
  score += Math.min(20, candidate.recentAlerts * 5);
  score += Math.min(20, candidate.overdueTasks * 10);
  return Math.min(100, score);
}

/**
 * Priority = (1 + risk / 25) × (days since the last look / the grade's interval) × 100, doubled once the
 * interval has passed (a canteen never looked at counts as a year ago, and is due).
 */
export function patrolPriority(candidate: PatrolCandidate, today: Date): Prioritised {
  const graded = candidate.riskScore !== null;
  const risk = candidate.riskScore ?? provisionalRisk(candidate);
  const grade = candidate.riskGrade ?? riskGradeOf(risk);
  const interval = patrolIntervalDays(grade);
  const days = candidate.lastPatrolAt
    ? Math.min(NEVER_LOOKED_DAYS, Math.max(0, (today.getTime() - candidate.lastPatrolAt.getTime()) / 86_400_000))
    : NEVER_LOOKED_DAYS;
  const due = !candidate.lastPatrolAt || days >= interval;
  const reasons: string[] = [
    candidate.lastPatrolAt ? `days_since_last:${Math.floor(days)}` : 'never_patrolled',
    `risk:${Math.round(risk)}`,
    graded ? `grade:${grade}` : `grade:${grade}:provisional`,
  ];
  if (due) reasons.push(`past_interval:${interval}`);
  if (candidate.licenceExpired) reasons.push('licence_expired');
  if (candidate.recentAlerts > 0) reasons.push(`recent_alerts:${candidate.recentAlerts}`);
  if (candidate.overdueTasks > 0) reasons.push(`overdue_tasks:${candidate.overdueTasks}`);
  const priority = (1 + risk / 25) * (days / interval) * (due ? PAST_INTERVAL_BOOST : 1) * 100;
  return { priority: Math.round(priority * 100) / 100, reasons };
}
