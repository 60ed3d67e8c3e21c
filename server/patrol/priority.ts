// Which canteens the daily patrol looks at first: higher risk and a longer time since the last look.
// The risk score here is provisional — built from what the records already say — until canteen risk
// grading (analytics) supplies graded scores.
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
  riskScore: number | null;
}

export interface Prioritised {
  priority: number;
  reasons: string[];
}

const NEVER_LOOKED_DAYS = 365;

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

export function patrolPriority(candidate: PatrolCandidate, today: Date): Prioritised {
  const risk = candidate.riskScore ?? provisionalRisk(candidate);
  const days = candidate.lastPatrolAt ? Math.max(0, (today.getTime() - candidate.lastPatrolAt.getTime()) / 86_400_000) : NEVER_LOOKED_DAYS;
  const reasons: string[] = [
    candidate.lastPatrolAt ? `days_since_last:${Math.floor(days)}` : 'never_patrolled',
    `risk:${Math.round(risk)}`,
  ];
  if (candidate.licenceExpired) reasons.push('licence_expired');
  if (candidate.recentAlerts > 0) reasons.push(`recent_alerts:${candidate.recentAlerts}`);
  if (candidate.overdueTasks > 0) reasons.push(`overdue_tasks:${candidate.overdueTasks}`);
  return { priority: Math.round((1 + risk / 25) * Math.min(days, NEVER_LOOKED_DAYS) * 100) / 100, reasons };
}
